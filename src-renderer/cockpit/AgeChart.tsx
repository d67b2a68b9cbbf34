// Open waits by age. Each bar is a link: it shows those conversations in the list.
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { WAIT_AGE_BUCKETS, type WaitAgeBucket } from '../../src-shared/response-target';
import { count } from './format';

const HEIGHT = 200;
const MARGIN = { top: 18, right: 8, bottom: 28, left: 8 };

export function AgeChart({ buckets, width, lateFromHours, onOpen }: {
  buckets: ReadonlyArray<{ bucket: WaitAgeBucket; count: number }>;
  width: number;
  /** Buckets from this age on are past the target (coloured as late). */
  lateFromHours: number | null;
  onOpen: (bucket: WaitAgeBucket) => void;
}) {
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const labels = new Map(WAIT_AGE_BUCKETS.map((b) => [b.id, b]));
  const x = scaleBand<string>({ domain: buckets.map((b) => b.bucket), range: [0, innerWidth], padding: 0.25 });
  const y = scaleLinear<number>({ domain: [0, Math.max(1, ...buckets.map((b) => b.count))], range: [innerHeight, 0], nice: true });
  return (
    <div className="chart">
      <svg width={width} height={HEIGHT} className="chart__svg" role="group" aria-label="Open waits by age">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {buckets.map((b) => {
            const bucket = labels.get(b.bucket)!;
            const late = lateFromHours !== null && bucket.fromHours >= lateFromHours;
            const top = y(b.count);
            const name = `${count(b.count)} open ${b.count === 1 ? 'wait' : 'waits'} ${bucket.label} old: show in the list`;
            return (
              <a
                key={b.bucket}
                href={`#wait-age-${b.bucket}`}
                className="chart-link"
                aria-label={name}
                data-bucket={b.bucket}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(b.bucket);
                }}
              >
                <rect className="chart-link__area" x={x(b.bucket)} y={0} width={x.bandwidth()} height={innerHeight} />
                <rect
                  className={`chart-part ${late ? 'chart-part--open-late' : 'chart-part--pending'}`}
                  x={x(b.bucket)}
                  y={top}
                  width={x.bandwidth()}
                  height={Math.max(b.count > 0 ? 2 : 0, innerHeight - top)}
                />
                <text className="chart__value" x={(x(b.bucket) ?? 0) + x.bandwidth() / 2} y={top - 4} textAnchor="middle">
                  {count(b.count)}
                </text>
              </a>
            );
          })}
          <AxisBottom top={innerHeight} scale={x} tickFormat={(v) => labels.get(v as WaitAgeBucket)?.label ?? String(v)} axisClassName="chart__axis" tickClassName="chart__tick" />
        </Group>
      </svg>
    </div>
  );
}
