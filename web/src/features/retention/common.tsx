import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { useErrorText as useShellErrorText } from '../../shell/errors';
import { formatWhen } from '../../shell/format';
import { Link, useRouter } from '../../shell/router';

/** The DPO's oversight pages share one sub-menu: retention, breaches, recordings, access review, research data. */
export const oversightPages = [
  { path: '/retention', key: 'retention' },
  { path: '/breaches', key: 'breaches' },
  { path: '/recordings', key: 'recordings' },
  { path: '/access-review', key: 'accessReview' },
  { path: '/research', key: 'research' },
] as const;

export function OversightNav() {
  const { t } = useTranslation('retention');
  const { path } = useRouter();
  return (
    <nav className="tabs" aria-label={t('sub.label')}>
      {oversightPages.map((p) => (
        <Link key={p.path} to={p.path} className={path.startsWith(p.path) ? 'active' : ''}>
          <span
            style={{
              display: 'inline-block',
              padding: '0.4rem 0.6rem',
              // The page one is on, marked like the active tab of the patient page.
              ...(path.startsWith(p.path) ? { fontWeight: 600, borderBottom: '2px solid var(--accent)' } : {}),
            }}
          >
            {t(`sub.${p.key}`)}
          </span>
        </Link>
      ))}
    </nav>
  );
}

/** Wide tables scroll sideways on a phone instead of squeezing their columns. */
export function Scroll({ children }: { children: ReactNode }) {
  return <div style={{ overflowX: 'auto', WebkitOverflowScrolling: 'touch' }}>{children}</div>;
}

/** A server error in the page's language (the shell's words); a refusal says who these pages are for. */
export function useErrorText() {
  const { t } = useTranslation('retention');
  const said = useShellErrorText();
  return useCallback(
    (err: unknown) => (err instanceof ApiError && err.status === 403 ? t('errors.forbidden') : said(err)),
    [t, said],
  );
}

/** An instant in the clinic's local time, short. */
export function when(iso: string | null | undefined, lang: string) {
  if (!iso) return '—';
  return formatWhen(iso, lang);
}

/** A datetime-local input's value (local time) as an ISO instant, and back. */
export const fromLocalInput = (v: string) => new Date(v).toISOString();
export const toLocalInput = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** A rule's period ("30 years", "6 months") in the page's language; other wordings stay as given. */
export function usePeriodText() {
  const { t } = useTranslation('retention');
  return useCallback(
    (period: string) => {
      const m = /^(\d+) (years|months|days)$/.exec(period);
      if (m) return t(`units.${m[2]}`, { count: Number(m[1]) });
      // "until purpose achieved + 30 days": the event that ends the purpose, then a grace period.
      const u = /^until (.+) \+ (\d+) days$/.exec(period);
      if (u)
        return t('units.until', {
          event: t(`units.events.${u[1]!.replace(/ /g, '_')}`, { defaultValue: u[1] }),
          days: t('units.days', { count: Number(u[2]) }),
        });
      return period;
    },
    [t],
  );
}

/** A register rule by its name in the page's language when the register gives one. */
export function ruleName(r: { rule: string; names?: Partial<Record<string, string>> }, lang: string) {
  return r.names?.[lang] ?? r.rule;
}
