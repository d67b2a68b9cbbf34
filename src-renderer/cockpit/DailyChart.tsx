// Waits per day, stacked by outcome, with the day's median response time as a line (right
// axis, hours) and the target as a dashed rule. Hovering a day, or moving through the days
// with ←/→ once the chart has the focus, shows that day's numbers.
import { useState, type KeyboardEvent } from 'react';
import { AxisBottom, AxisLeft, AxisRight } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { BarStack, Line, LinePath } from '@visx/shape';
import { DAY_PARTS, type DayBar, type DayPart } from './series';
import { count, duration } from './format';

const HEIGHT = 240;
const MARGIN = { top: 12, right: 48, bottom: 28, left: 40 };
const KEYS = DAY_PARTS.map((p) => p.key);

/** "2026-11-30" → "30 Nov". */
function shortDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

export function DailyChart({ days, width, targetSeconds, label }: { days: readonly DayBar[]; width: number; targetSeconds: number | null; label: string }) {
  const [active, setActive] = useState<number | null>(null);
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<string>({ domain: days.map((d) => d.date), range: [0, innerWidth], padding: days.length > 40 ? 0.15 : 0.3 });
  const maxWaits = Math.max(1, ...days.map((d) => d.within + d.late + d.openLate + d.pending));
  const y = scaleLinear<number>({ domain: [0, maxWaits], range: [innerHeight, 0], nice: true });
  const medianHours = days.map((d) => (d.medianSeconds === null ? null : d.medianSeconds / 3600));
  const maxHours = Math.max(1, targetSeconds === null ? 0 : (targetSeconds / 3600) * 1.1, ...medianHours.map((h) => h ?? 0));
  const yHours = scaleLinear<number>({ domain: [0, maxHours], range: [innerHeight, 0], nice: true });
  const tickEvery = Math.ceil(days.length / Math.max(1, Math.floor(innerWidth / 56)));
  const day = active === null ? null : days[active];
  const center = (d: DayBar) => (x(d.date) ?? 0) + x.bandwidth() / 2;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = days.length - 1;
    const next =
      event.key === 'ArrowRight' ? Math.min(last, (active ?? -1) + 1)
      : event.key === 'ArrowLeft' ? Math.max(0, (active ?? days.length) - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : event.key === 'Escape' ? null
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
  };

  return (
    <div
      className="chart"
      tabIndex={0}
      role="group"
      aria-label={`${label}. Use the left and right arrow keys to read each day.`}
      onKeyDown={onKeyDown}
      onMouseLeave={() => setActive(null)}
      onBlur={() => setActive(null)}
    >
      <svg width={width} height={HEIGHT} aria-hidden="true" className="chart__svg">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(4).map((t) => (
            <line key={t} className="chart__grid" x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} />
          ))}
          <BarStack<DayBar, DayPart> data={[...days]} keys={KEYS} x={(d) => d.date} xScale={x} yScale={y} color={() => ''}>
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars.map((bar) =>
                  bar.height > 0 ? (
                    <rect
                      key={`${stack.key}-${bar.index}`}
                      className={`chart-part ${DAY_PARTS.find((p) => p.key === stack.key)!.className}${active === bar.index ? ' chart-part--active' : ''}`}
                      x={bar.x}
                      y={bar.y}
                      width={bar.width}
                      height={bar.height}
                    />
                  ) : null,
                ),
              )
            }
          </BarStack>
          {targetSeconds !== null && (
            <Line className="chart__target" from={{ x: 0, y: yHours(targetSeconds / 3600) }} to={{ x: innerWidth, y: yHours(targetSeconds / 3600) }} />
          )}
          <LinePath<DayBar>
            className="chart__median"
            data={[...days]}
            x={center}
            y={(d) => yHours((d.medianSeconds ?? 0) / 3600)}
            defined={(d) => d.medianSeconds !== null}
          />
          {days.map((d, i) =>
            d.medianSeconds === null ? null : <circle key={d.date} className="chart__median-dot" cx={center(d)} cy={yHours(d.medianSeconds / 3600)} r={active === i ? 4 : 2.5} />,
          )}
          {days.map((d, i) => (
            <rect
              key={d.date}
              className="chart__hit"
              x={(x(d.date) ?? 0) - (x.step() - x.bandwidth()) / 2}
              y={0}
              width={x.step()}
              height={innerHeight}
              onMouseEnter={() => setActive(i)}
            />
          ))}
          <AxisLeft scale={y} numTicks={4} tickFormat={(v) => count(Number(v))} axisClassName="chart__axis" hideAxisLine tickClassName="chart__tick" />
          <AxisRight left={innerWidth} scale={yHours} numTicks={4} tickFormat={(v) => `${Number(v)} h`} axisClassName="chart__axis" hideAxisLine tickClassName="chart__tick" />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={days.filter((_, i) => i % tickEvery === 0).map((d) => d.date)}
            tickFormat={(v) => shortDate(String(v))}
            axisClassName="chart__axis"
            tickClassName="chart__tick"
          />
        </Group>
      </svg>
      <div className="chart__legend" aria-hidden="true">
        {DAY_PARTS.map((p) => (
          <span key={p.key} className="chart__legend-item">
            <span className={`chart__swatch ${p.className}`} />
            {p.label}
          </span>
        ))}
        <span className="chart__legend-item">
          <span className="chart__swatch chart__swatch--line" />
          Median response time
        </span>
        {targetSeconds !== null && (
          <span className="chart__legend-item">
            <span className="chart__swatch chart__swatch--target" />
            Target
          </span>
        )}
      </div>
      <div className="chart__tooltip-region" role="status" aria-live="polite">
        {day && (
          <div
            className="chart__tooltip"
            style={{ left: Math.min(Math.max(0, MARGIN.left + center(day) - 112), Math.max(0, width - 230)) }}
            data-date={day.date}
          >
            <strong>{shortDate(day.date)}</strong>
            <dl>
              {DAY_PARTS.map((p) => (
                <div key={p.key}>
                  <dt>
                    <span className={`chart__swatch ${p.className}`} aria-hidden="true" />
                    {p.label}
                  </dt>
                  <dd>{count(day[p.key])}</dd>
                </div>
              ))}
              <div>
                <dt>Median response time</dt>
                <dd>{duration(day.medianSeconds)}</dd>
              </div>
            </dl>
          </div>
        )}
      </div>
    </div>
  );
}
