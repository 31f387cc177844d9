import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { formatWhen } from '../../shell/format';

/** A step's outcome line: what the server said went wrong (its field and reason), or that it was saved. */
export type Outcome = { ok: boolean; text: string } | null;

/** A server error in the page's language, a refused field under the rights screens' own label. */
export function useRightsErrorText() {
  const { t } = useTranslation('rights');
  const labelOf = useCallback((field: string) => t(`fields.${field.split('.')[0]}`, { defaultValue: field }), [t]);
  return useErrorText(labelOf);
}

/** Runs one action of a page; a 400 shows the server's reason next to the field it names. */
export function useAction() {
  const { t } = useTranslation('rights');
  const said = useRightsErrorText();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, okText?: string) => {
    setBusy(true);
    setOutcome(null);
    try {
      await fn();
      setOutcome(okText ? { ok: true, text: okText } : null);
      return true;
    } catch (e) {
      const text = e instanceof ApiError && e.status === 403 ? t('forbidden') : said(e);
      setOutcome({ ok: false, text });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { outcome, busy, run };
}

export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'ok' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="outcome">
      {outcome.text}
    </p>
  );
}

interface Step {
  kind: string;
  at: string;
  note: string | null;
  actorRole?: string;
  data?: Record<string, unknown> | null;
}

/** What a sent copy's step adds: how it was encrypted and to whom. */
function CopyDetail({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation('rights');
  return (
    <div className="rights-note" data-testid="copy-step">
      {t(`requests.copySent.${String(data.encrypted)}`)} · {t(`requests.copySent.${String(data.recipient)}`)}
    </div>
  );
}

/** Every step of a case, oldest first, in the reader's language. */
export function Timeline({ steps, prefix }: { steps: Step[]; prefix: 'requests' | 'complaints' }) {
  const { t, i18n } = useTranslation('rights');
  return (
    <ol className="rights-timeline" data-testid="timeline">
      {steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are append-only and shown in order.
        <li key={i}>
          <span className="muted">{formatWhen(s.at, i18n.language)}</span>{' '}
          <strong>{t(`${prefix}.events.${s.kind}`)}</strong>
          {s.actorRole && <span className="muted"> · {t(`actors.${s.actorRole}`, { defaultValue: s.actorRole })}</span>}
          {s.kind === 'copy_sent' && s.data && <CopyDetail data={s.data} />}
          {s.note && <div className="rights-note">{s.note}</div>}
        </li>
      ))}
    </ol>
  );
}

/** Shown on the patient's page while processing is restricted (GDPR Art. 18). */
export function RestrictionBanner() {
  const { t } = useTranslation('rights');
  return (
    <p className="card rights-banner" role="status" data-testid="restriction-banner">
      <strong>{t('restriction.banner')}</strong> {t('restriction.bannerHint')}
    </p>
  );
}
