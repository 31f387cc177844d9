import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import type { Language } from '../../shell/feature';
import { formatWhen } from '../../shell/format';

type VersionItem = ApiResponse<'GET /api/register/versions'>['items'][number];
type Change = ApiResponse<'GET /api/register/diff'>['changes'][number];

/** Published notice versions: read any of them, compare two. */
export function Versions({ reload }: { reload: number }) {
  const { t, i18n } = useTranslation('register');
  const [items, setItems] = useState<VersionItem[]>([]);
  const [shown, setShown] = useState<{ version: number; html: string } | null>(null);
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  const [changes, setChanges] = useState<Change[] | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is the trigger: a new publication reloads the list.
  useEffect(() => {
    void api('GET /api/register/versions').then((r) => {
      setItems(r.items);
      const n = r.items.length;
      if (n) {
        setTo(r.items[n - 1]!.version);
        setFrom(r.items[Math.max(0, n - 2)]!.version);
      }
    });
  }, [reload]);

  if (items.length === 0) return null;
  return (
    <div className="card" data-testid="versions">
      <h2>{t('versions')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('date')}</th>
            <th>{t('summary')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{formatWhen(v.publishedAt, i18n.language)}</td>
              <td>{v.summary ?? ''}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={async () =>
                    setShown(
                      await api('GET /api/register/versions/{n}', {
                        path: { n: v.version },
                        query: { lang: i18n.language as Language },
                      }),
                    )
                  }
                >
                  {t('show')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: '.8rem' }}>
        <label>
          {t('from')}
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {items.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('to')}
          <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {items.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={async () => setChanges((await api('GET /api/register/diff', { query: { from, to } })).changes)}
        >
          {t('diff')}
        </button>
      </div>
      {changes &&
        (changes.length === 0 ? (
          <p className="muted">{t('noChanges')}</p>
        ) : (
          <table data-testid="diff">
            <thead>
              <tr>
                <th>{t('section')}</th>
                <th>{t('key')}</th>
                <th>{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.section}/${c.key}`}>
                  <td>{c.section}</td>
                  <td>{c.key}</td>
                  <td>
                    {t(c.change)}
                    {c.fields ? `: ${c.fields.map((f) => f.field).join(', ')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {shown && (
        <div
          className="card"
          style={{ marginTop: '1rem' }}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the notice from the register with every value escaped.
          dangerouslySetInnerHTML={{ __html: shown.html }}
        />
      )}
    </div>
  );
}
