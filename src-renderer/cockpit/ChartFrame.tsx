// A chart with its title, a switch to an accessible table of the same numbers, and a CSV
// export of that table.
import { useId, useState, type ReactNode } from 'react';
import { Icon } from '../common/Icon';
import { downloadCsv, toCsv, type CsvCell } from './csv';

export interface ChartTable {
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvCell[]>;
  /** How a cell shows in the table (the CSV keeps the raw value). */
  format?: (value: CsvCell, column: number) => string;
}

export function ChartFrame({ title, description, fileName, table, children, actions }: {
  title: string;
  description?: ReactNode;
  fileName: string;
  table: ChartTable;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="cockpit-card" aria-labelledby={`${id}-title`}>
      <header className="cockpit-card__header">
        <h3 id={`${id}-title`}>{title}</h3>
        <div className="cockpit-card__actions">
          {actions}
          <button type="button" className="button button--small button--quiet" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? 'Show chart' : 'Show table'}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => downloadCsv(fileName, toCsv(table.header, table.rows))}
            aria-label={`Download ${title} as CSV`}
          >
            <Icon name="download" /> CSV
          </button>
        </div>
      </header>
      {description && <p className="cockpit-card__description">{description}</p>}
      {asTable ? (
        <div className="cockpit-table-wrap">
          <table className="cockpit-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((value, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {table.format ? table.format(value, c) : String(value ?? '')}
                      </th>
                    ) : (
                      <td key={c}>{table.format ? table.format(value, c) : String(value ?? '—')}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        children
      )}
    </section>
  );
}
