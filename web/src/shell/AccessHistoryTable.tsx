import { useTranslation } from 'react-i18next';
import { actionWord, groupRepeats, purposeWord } from './access-words';
import { formatWhen } from './format';

/** A run of events from its first to its last time; one time when they fall in the same minute. */
const span = (first: string, last: string) => (first === last ? last : `${first} – ${last}`);

export interface AccessEvent {
  at: string;
  staffName?: string | null;
  role?: string | null;
  action: string;
  purpose: string;
  outcome?: string;
  breakGlass?: boolean;
  reason?: string | null;
}

/**
 * "Who looked at my data", for staff on the patient page and for the person in the portal: the
 * stored words said in the reader's language, repeated lines folded into one with a count, and on
 * a phone each event a small card instead of a wide table.
 */
export function AccessHistoryTable({
  items,
  testId,
  ns,
  flaggedKey,
  roleWord,
  ownWords,
}: {
  items: readonly AccessEvent[];
  testId: string;
  /** The page's namespace: its `access.*` words (when, who, role, what, why, system, denied). */
  ns: string;
  /** Its word for a break-the-glass access. */
  flaggedKey: string;
  roleWord: (role: string) => string;
  /** Wording of the reader's own, where a page has it (the portal addresses the person: "opened your record"). */
  ownWords?: (action: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation(ns);
  const labels = {
    when: t('access.when'),
    who: t('access.who'),
    role: t('access.role'),
    what: t('access.what'),
    why: t('access.why'),
    system: t('access.system'),
    denied: t('access.denied'),
    breakGlass: t(flaggedKey),
  };
  const lang = i18n.language;
  return (
    <table className="card stack" data-testid={testId}>
      <thead>
        <tr>
          <th>{labels.when}</th>
          <th>{labels.who}</th>
          <th>{labels.role}</th>
          <th>{labels.what}</th>
          <th>{labels.why}</th>
        </tr>
      </thead>
      <tbody>
        {groupRepeats(items).map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: access events have no id; the list is shown as sent, never reordered.
          <tr key={i}>
            <td data-label={labels.when}>{span(formatWhen(a.lastAt, lang), formatWhen(a.at, lang))}</td>
            <td data-label={labels.who}>{a.staffName ?? labels.system}</td>
            <td data-label={labels.role}>{(a.role ?? '').split(',').filter(Boolean).map(roleWord).join(', ')}</td>
            <td data-label={labels.what}>
              {ownWords?.(a.action) ?? actionWord(lang, a.action)}
              {a.count > 1 && <span className="muted"> (×{a.count})</span>}
              {a.outcome === 'denied' && (
                <>
                  {' '}
                  <span className="badge flag">{labels.denied}</span>
                </>
              )}
            </td>
            <td data-label={labels.why}>
              {purposeWord(lang, a.purpose)}
              {a.breakGlass && (
                <>
                  {' '}
                  <span className="badge flag">{labels.breakGlass}</span>
                </>
              )}
              {a.reason ? ` — ${a.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
