import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { hasAnyRole, useSession } from '../../shell/session';
import { ruleName, useErrorText, usePeriodText } from './common';
import { HoldsPanel } from './HoldsPanel';

type View = ApiResponse<'GET /api/retention/patients/{patientId}'>;

/**
 * The patient page's retention tab: when this patient's record and invoices go (deleted or
 * anonymised), which rule keeps them that long, and the legal holds that keep them now. The DPO
 * and the administrator place and release this patient's holds here.
 */
export function PatientRetention({ patientId, reason }: { patientId: string; reason?: string }) {
  const { t, i18n } = useTranslation('retention');
  const errorText = useErrorText();
  const periodText = usePeriodText();
  const { user } = useSession();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setView(await api('GET /api/retention/patients/{patientId}', { path: { patientId }, reason }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [patientId, reason, errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!view) return <p>{t('shell:loading')}</p>;
  return (
    <div data-testid="patient-retention">
      {view.parts.map((p) => (
        <div className="card" key={p.target} data-target={p.target}>
          <h3>{t(`patient.${p.target}`)}</h3>
          {p.goesOn === null ? (
            <p className="muted">{t(p.target === 'accounting' ? 'patient.noInvoices' : 'patient.noRule')}</p>
          ) : (
            <>
              <p>
                {t(p.end === 'anonymise' ? 'patient.anonymisedOn' : 'patient.deletedOn', { date: p.goesOn })}
                {p.heldBy.length > 0 && (
                  <>
                    {' '}
                    <span className="badge flag">{t('patient.held')}</span>
                  </>
                )}
              </p>
              <p className="hint">
                {p.keptBy === 'invoices'
                  ? t('patient.keptByInvoices')
                  : t('patient.keptBy', {
                      rule: (() => {
                        const r = p.rules.find((x) => x.rule === p.keptBy);
                        return r ? ruleName(r, i18n.language) : (p.keptBy ?? '—');
                      })(),
                    })}
              </p>
            </>
          )}
          {p.rules.length > 0 && (
            <ul className="hint">
              {p.rules.map((r) => (
                <li key={r.rule + r.from}>
                  {t('patient.ruleLine', {
                    rule: ruleName(r, i18n.language),
                    period: periodText(r.period),
                    from: t(`patient.from.${r.from}`, { defaultValue: r.from }),
                    date: r.until,
                  })}
                  {r.floor && <span className="badge"> {t('plan.floor')}</span>}
                </li>
              ))}
            </ul>
          )}
          {p.heldBy.map((h) => (
            <p key={h.id} className="warn">
              {t('patient.holdLine', {
                kind: t(`holds.kinds.${h.kind}`),
                reason: h.reason,
                owner: h.owner,
                end: h.endsOn ?? t('holds.open'),
              })}
            </p>
          ))}
        </div>
      ))}
      {hasAnyRole(user, ['dpo', 'admin']) && <HoldsPanel patientId={patientId} onChange={load} />}
    </div>
  );
}
