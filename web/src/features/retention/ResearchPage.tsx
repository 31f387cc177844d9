import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { OversightNav, Scroll, useErrorText } from './common';

type Extract = ApiResponse<'POST /api/research/exports'>;
const columns = ['pseudonym', 'ageBand', 'sex', 'town', 'month', 'services', 'complaints'] as const;

/** The extract as CSV for the recipient: one row per person and month, lists joined with "; ". */
function toCsv(x: Extract, header: string[]): string {
  const cell = (v: unknown) => {
    const s = Array.isArray(v) ? v.join('; ') : String(v ?? '');
    return /[",\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header.map(cell).join(','), ...x.rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n');
}

/**
 * Pseudonymised research and teaching data (issue 10, item 6): the DPO names the project, the
 * register's purpose and the recipient, sees how many people and rows the extract has and on which
 * basis, previews it and downloads it. Making it records the disclosure.
 */
export function ResearchPage() {
  const { t } = useTranslation('retention');
  const errorText = useErrorText();
  const [purposes, setPurposes] = useState<string[]>([]);
  const [f, setF] = useState({ project: '', purposeKey: 'research', recipient: '' });
  const [extract, setExtract] = useState<Extract | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The purposes of the register as the DPO keeps it (research use must be one of them).
    void api('GET /api/register')
      .then((r) => {
        const list = (r.document?.purposes ?? []) as { key: string }[];
        setPurposes(list.map((p) => p.key));
      })
      .catch(() => setPurposes([]));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setExtract(await api('POST /api/research/exports', { body: f }));
    } catch (err) {
      setExtract(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const header = columns.map((c) => t(`research.${c}`));
  const download = () => {
    if (!extract) return;
    const url = URL.createObjectURL(new Blob([toCsv(extract, header)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${extract.project}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section>
      <OversightNav />
      <h1>{t('research.title')}</h1>
      <p className="muted">{t('research.intro')}</p>
      <form className="card" onSubmit={submit} data-testid="research-form">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <label>
          {t('research.project')}
          <input name="project" value={f.project} onChange={(e) => setF({ ...f, project: e.target.value })} required />
        </label>
        <label htmlFor="research-purpose">{t('research.purpose')}</label>
        {purposes.length > 0 ? (
          <select
            id="research-purpose"
            name="purposeKey"
            value={f.purposeKey}
            onChange={(e) => setF({ ...f, purposeKey: e.target.value })}
          >
            {purposes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        ) : (
          <input
            id="research-purpose"
            name="purposeKey"
            value={f.purposeKey}
            onChange={(e) => setF({ ...f, purposeKey: e.target.value })}
          />
        )}
        <label>
          {t('research.recipient')}
          <input
            name="recipient"
            value={f.recipient}
            onChange={(e) => setF({ ...f, recipient: e.target.value })}
            required
          />
        </label>
        <button className="primary" type="submit" disabled={busy}>
          {t('research.create')}
        </button>
      </form>
      {extract && (
        <div className="card" data-testid="research-extract">
          <p role="status">
            {t('research.summary', {
              rows: extract.rows.length,
              patients: extract.patients,
              basis: extract.basis === 'consent' ? t('research.consent') : t('research.noObjection'),
            })}
          </p>
          <button type="button" onClick={download}>
            {t('research.download')}
          </button>
          <Scroll>
            <table>
              <thead>
                <tr>
                  {header.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {extract.rows.slice(0, 50).map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of an extract have no id of their own.
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c}>
                        {Array.isArray(r[c])
                          ? (r[c] as string[]).join('; ')
                          : c === 'sex' && r.sex
                            ? t(`research.sexes.${r.sex}`, { defaultValue: r.sex })
                            : (r[c] ?? '—')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </div>
      )}
    </section>
  );
}
