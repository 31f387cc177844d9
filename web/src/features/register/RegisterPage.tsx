import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api, apiText } from '../../shell/api';
import { languages } from '../../shell/feature';
import { Versions } from './Versions';

/** The notice of the unpublished register in every language; none while it does not validate. */
const fetchPreviews = () =>
  Promise.all(languages.map((lang) => api('GET /api/register/preview', { query: { lang } }))).catch(() => []);

/** A text answer, or null where there is none yet (404). */
const orNone = (err: unknown) => {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
};

/** The DPO's page: edit the register, preview the notice side by side in four languages, publish. */
export function RegisterPage() {
  const { t } = useTranslation('register');
  const [yaml, setYaml] = useState('');
  const [presets, setPresets] = useState<string[]>([]);
  const [preset, setPreset] = useState('demo');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [previews, setPreviews] = useState<ApiResponse<'GET /api/register/preview'>[]>([]);
  const [summary, setSummary] = useState('');
  const [announce, setAnnounce] = useState(false);
  const [slug, setSlug] = useState('');
  const [reload, setReload] = useState(0);

  const loadPreviews = async () => setPreviews(await fetchPreviews());

  useEffect(() => {
    void (async () => {
      setYaml((await apiText('GET /api/register/export').catch(orNone)) ?? '');
      setPresets((await api('GET /api/register/presets')).items);
      const cur = await api('GET /api/register');
      setSlug(cur.document?.slug ?? '');
      setPreviews(await fetchPreviews());
    })();
  }, []);

  const save = async () => {
    try {
      const r = await api('POST /api/register/import', { body: { text: yaml, file: 'register.yaml' } });
      setMessage({
        kind: 'ok',
        text: [t('saved', { revision: r.revision }), ...r.warnings.map((w) => `⚠ ${w}`)].join('\n'),
      });
      setSlug((await api('GET /api/register')).document?.slug ?? '');
      await loadPreviews();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const publish = async () => {
    try {
      const r = await api('POST /api/register/publish', { body: { summary: summary || undefined, announce } });
      setMessage({ kind: 'ok', text: t('published', { version: r.version }) });
      setSummary('');
      setReload((n) => n + 1);
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  return (
    <div>
      <div className="spread">
        <h1>{t('title')}</h1>
        {slug && (
          <a href={`/clinics/${slug}/privacy`} target="_blank" rel="noreferrer">
            {t('publicPage')}
          </a>
        )}
      </div>
      <div className="card">
        <div className="row">
          <label>
            {t('preset')}
            <select name="preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
              {presets.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={async () =>
              setYaml(
                (await apiText('GET /api/register/presets/{name}', { path: { name: preset } }).catch(orNone)) ?? '',
              )
            }
          >
            {t('loadPreset')}
          </button>
        </div>
        <label>
          {t('editor')}
          <textarea
            name="registerYaml"
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            rows={22}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: '.85rem' }}
            placeholder={t('none')}
          />
        </label>
        {message &&
          (message.kind === 'error' ? (
            <div className="error" role="alert">
              <strong>{t('errors')}</strong>
              <pre style={{ whiteSpace: 'pre-wrap' }}>{message.text}</pre>
            </div>
          ) : (
            <p className="ok" role="status" style={{ whiteSpace: 'pre-line' }}>
              {message.text}
            </p>
          ))}
        <div className="row">
          <button className="primary" type="button" onClick={save}>
            {t('save')}
          </button>
          <input
            name="summary"
            placeholder={t('summary')}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <label className="row" style={{ flexDirection: 'row', margin: 0 }}>
            <input type="checkbox" checked={announce} onChange={(e) => setAnnounce(e.target.checked)} />
            {t('announce')}
          </label>
          <button type="button" onClick={publish} disabled={previews.length === 0}>
            {t('publish')}
          </button>
        </div>
      </div>
      <h2>{t('preview')}</h2>
      <div
        data-testid="previews"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '.8rem' }}
      >
        {previews.map((p) => (
          // The server escapes every register text before it builds this HTML.
          <div
            key={p.lang}
            className="card"
            lang={p.lang}
            data-lang={p.lang}
            style={{ fontSize: '.78rem', maxHeight: '70vh', overflow: 'auto' }}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the notice from the register with every value escaped.
            dangerouslySetInnerHTML={{ __html: p.html }}
          />
        ))}
      </div>
      <Versions reload={reload} />
    </div>
  );
}
