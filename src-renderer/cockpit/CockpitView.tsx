// The response-time cockpit: per marketplace and all together, for a chosen period, whether
// customers are answered within each marketplace's rule, what is about to breach, and how
// the last weeks went. Beside the inbox: its bars and rows lead to the conversations.
import { useId, useMemo, useState } from 'react';
import type { Connection } from '../../src-shared/contract';
import { WAIT_AGE_BUCKETS } from '../../src-shared/response-target';
import type { WaitFilter } from '../lib/wait-filter';
import { Icon } from '../common/Icon';
import { AgeChart } from './AgeChart';
import { BreachList } from './BreachList';
import { ChartFrame } from './ChartFrame';
import { DailyChart } from './DailyChart';
import { count, duration, hours, percent, ruleText } from './format';
import { browserTimeZone, dayString, PERIOD_PRESETS, periodLabel, type PeriodChoice } from './period';
import { dayBars, DAY_PARTS } from './series';
import { BREACH_WITHIN_HOURS, useCockpitData, type MarketplaceFigures } from './use-cockpit-data';
import { useWidth } from './use-width';


export function CockpitView({ connections, now, onShowList, onOpenConversation, onClose }: {
  connections: readonly Connection[];
  now: Date;
  onShowList: (filter: WaitFilter) => void;
  onOpenConversation: (id: number) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [accountId, setAccountId] = useState<number | null>(null);
  const [choice, setChoice] = useState<PeriodChoice>({ kind: 'last', days: 30 });
  const tz = useMemo(browserTimeZone, []);
  const data = useCockpitData(connections, accountId, choice, tz);
  const [chartRef, chartWidth] = useWidth<HTMLDivElement>();
  const [ageRef, ageWidth] = useWidth<HTMLDivElement>(360);
  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections]);
  const scope = accountId === null ? {} : { accountId };
  const { period } = data;
  const single: MarketplaceFigures | undefined = accountId === null ? undefined : data.marketplaces[0];
  const bars = useMemo(() => (period ? dayBars(period.days) : []), [period]);
  const judged = period ? period.answeredWithinTarget + period.missed : 0;
  const open = period ? period.openByAge.reduce((sum, b) => sum + b.count, 0) : 0;
  const lateFromHours = period?.targetSeconds ? period.targetSeconds / 3600 : null;
  const selectionName = accountId === null ? 'All marketplaces' : (names.get(accountId) ?? 'Marketplace');
  const fileStem = `response-times-${(accountId === null ? 'all' : selectionName).toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${period?.days[0]?.date ?? ''}`;

  return (
    <div className="cockpit" aria-labelledby={`${id}-title`} role="region">
      <header className="cockpit__header">
        <div className="cockpit__title-row">
          <h2 id={`${id}-title`}>Response times</h2>
          <button type="button" className="icon-button" aria-label="Back to the inbox" title="Back to the inbox (c)" onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
        <p className="cockpit__lead">
          How fast customers get an answer, against each marketplace’s own rule. Waits are counted from a customer’s message to the shop’s next one.
        </p>
        <div className="cockpit__controls">
          <label className="stacked-field">
            <span>Marketplace</span>
            <select value={accountId ?? ''} onChange={(e) => setAccountId(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">All marketplaces</option>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="group" aria-label="Period">
            {PERIOD_PRESETS.map((days) => (
              <button
                key={days}
                type="button"
                className="segmented__item"
                aria-pressed={choice.kind === 'last' && choice.days === days}
                onClick={() => setChoice({ kind: 'last', days })}
              >
                {days} days
              </button>
            ))}
            <button
              type="button"
              className="segmented__item"
              aria-pressed={choice.kind === 'custom'}
              onClick={() => setChoice({ kind: 'custom', firstDay: dayString(new Date(now.getTime() - 13 * 86_400_000)), lastDay: dayString(now) })}
            >
              Custom
            </button>
          </div>
          {choice.kind === 'custom' && (
            <div className="cockpit__custom">
              <label className="stacked-field">
                <span>From</span>
                <input type="date" value={choice.firstDay} max={choice.lastDay} onChange={(e) => e.target.value && setChoice({ ...choice, firstDay: e.target.value })} />
              </label>
              <label className="stacked-field">
                <span>To</span>
                <input type="date" value={choice.lastDay} min={choice.firstDay} onChange={(e) => e.target.value && setChoice({ ...choice, lastDay: e.target.value })} />
              </label>
            </div>
          )}
        </div>
      </header>

      {data.status === 'loading' && !period && <p className="cockpit-empty">Counting waits…</p>}
      {data.error && (
        <p className="cockpit-error" role="alert">
          {data.error}
        </p>
      )}

      {period && (
        <>
          <section className="cockpit-summary" aria-label="Summary">
            <div className="stat">
              <span className="stat__label">On time, {periodLabel(choice)}</span>
              <span className={`stat__value ${period.missed > 0 ? 'stat__value--warn' : 'stat__value--ok'}`} data-stat="on-time">
                {percent(period.onTimeRate)}
              </span>
              <span className="stat__note">
                {count(period.answeredWithinTarget)} of {count(judged)} within target
                {period.targetSeconds !== null ? ` (${duration(period.targetSeconds)})` : ' (each marketplace’s own)'}
              </span>
            </div>
            {single && (
              <div className="stat">
                <span className="stat__label">What {single.name} sees: last {single.target.scoringWindowDays} days</span>
                <span className={`stat__value ${single.window.missed > 0 ? 'stat__value--warn' : 'stat__value--ok'}`} data-stat="window">
                  {percent(single.window.onTimeRate)}
                </span>
                <span className="stat__note">
                  {count(single.window.missed)} missed · rule: {ruleText(single.target)}
                </span>
              </div>
            )}
            <div className="stat">
              <span className="stat__label">Response time</span>
              <span className="stat__value" data-stat="median">
                {duration(period.medianSeconds)}
              </span>
              <span className="stat__note">median · 90 % within {duration(period.p90Seconds)}</span>
            </div>
            <div className="stat">
              <span className="stat__label">Waiting now</span>
              <span className="stat__value" data-stat="open">
                {count(open)}
              </span>
              <span className="stat__note">
                {data.breaching.length > 0 ? (
                  <button type="button" className="link-button" onClick={() => onShowList({ breachWithinHours: BREACH_WITHIN_HOURS, ...scope })}>
                    {count(data.breaching.length)} about to breach
                  </button>
                ) : (
                  'none about to breach'
                )}
              </span>
            </div>
          </section>

          {accountId === null && data.marketplaces.length > 0 && (
            <section className="cockpit-card" aria-labelledby={`${id}-markets`}>
              <header className="cockpit-card__header">
                <h3 id={`${id}-markets`}>Marketplaces</h3>
              </header>
              <div className="cockpit-table-wrap">
                <table className="cockpit-table cockpit-table--markets">
                  <thead>
                    <tr>
                      <th scope="col">Marketplace</th>
                      <th scope="col">Rule</th>
                      <th scope="col">On time, {periodLabel(choice)}</th>
                      <th scope="col">On time, its scoring window</th>
                      <th scope="col">Missed in window</th>
                      <th scope="col">Median</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.marketplaces.map((m) => (
                      <tr key={m.accountId} data-account-id={m.accountId}>
                        <th scope="row">
                          <button type="button" className="link-button" onClick={() => setAccountId(m.accountId)}>
                            {m.name}
                          </button>
                        </th>
                        <td>{ruleText(m.target)}</td>
                        <td>{percent(m.period.onTimeRate)}</td>
                        <td>
                          <span className={m.window.missed > 0 ? 'status status--warn' : 'status status--ok'}>
                            <Icon name={m.window.missed > 0 ? 'alert' : 'check'} />
                            {percent(m.window.onTimeRate)}
                          </span>{' '}
                          <span className="cockpit-muted">last {m.target.scoringWindowDays} days</span>
                        </td>
                        <td>{count(m.window.missed)}</td>
                        <td>{duration(m.period.medianSeconds)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}

          <ChartFrame
            title="Waits per day"
            description={`By the day the customer wrote (${tz}); each wait judged against ${period.targetSeconds !== null ? `the ${duration(period.targetSeconds)} target` : 'its marketplace’s target'}.`}
            fileName={`${fileStem}-per-day.csv`}
            table={{
              header: ['Day', 'Waits', ...DAY_PARTS.map((p) => p.label), 'Median response (h)'],
              rows: bars.map((d) => [d.date, d.within + d.late + d.openLate + d.pending, d.within, d.late, d.openLate, d.pending, hours(d.medianSeconds)]),
            }}
          >
            <div ref={chartRef} className="chart-host">
              <DailyChart days={bars} width={chartWidth} targetSeconds={period.targetSeconds} label={`Waits per day, ${selectionName}, ${periodLabel(choice)}`} />
            </div>
          </ChartFrame>

          <div className="cockpit-grid">
            <ChartFrame
              title="Open waits by age"
              description="Every customer waiting now. A bar shows its conversations in the list."
              fileName={`${fileStem}-open-by-age.csv`}
              table={{
                header: ['Age', 'Open waits'],
                rows: period.openByAge.map((b) => [WAIT_AGE_BUCKETS.find((x) => x.id === b.bucket)!.label, b.count]),
              }}
            >
              <div ref={ageRef} className="chart-host">
                <AgeChart buckets={period.openByAge} width={ageWidth} lateFromHours={lateFromHours} onOpen={(bucket) => onShowList({ waitAge: bucket, ...scope })} />
              </div>
            </ChartFrame>
            <section className="cockpit-card" aria-labelledby={`${id}-breach`}>
              <header className="cockpit-card__header">
                <h3 id={`${id}-breach`}>About to breach</h3>
                <div className="cockpit-card__actions">
                  <button type="button" className="button button--small button--quiet" onClick={() => onShowList({ breachWithinHours: BREACH_WITHIN_HOURS, ...scope })}>
                    Show in the list
                  </button>
                </div>
              </header>
              <p className="cockpit-card__description">Waits passing their target within {BREACH_WITHIN_HOURS} hours, soonest first.</p>
              <BreachList items={data.breaching} now={now} names={names} onOpen={onOpenConversation} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
