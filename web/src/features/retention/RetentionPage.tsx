import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { OversightNav, ruleName, Scroll, useErrorText, usePeriodText, when } from './common';
import { HoldsPanel } from './HoldsPanel';

type Plan = ApiResponse<'GET /api/retention/plan'>;
type Run = ApiResponse<'GET /api/retention/runs/{id}'>;

/**
 * The DPO's retention screen: what a run would remove today (by target and register rule), the
 * button that runs it, the runs with their reports, and the legal holds that stop deletion.
 */
export function RetentionPage() {
  const { t, i18n } = useTranslation('retention');
  const errorText = useErrorText();
  const periodText = usePeriodText();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);
  const [shown, setShown] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [p, r] = await Promise.all([api('GET /api/retention/plan'), api('GET /api/retention/runs')]);
      setPlan(p);
      setRuns(r.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const runNow = async () => {
    if (!window.confirm(t('plan.confirmRun'))) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api('POST /api/retention/runs', { body: {} });
      setShown(r);
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const total = plan?.lines.reduce((s, l) => s + l.count, 0) ?? 0;
  return (
    <section>
      <OversightNav />
      <h1>{t('plan.title')}</h1>
      <p className="hint">{t('plan.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!plan ? (
        <p>{t('shell:loading')}</p>
      ) : (
        <div className="card">
          <div className="spread">
            <h2>{t('plan.today', { date: plan.runDate })}</h2>
            <button type="button" className="primary" onClick={runNow} disabled={busy}>
              {busy ? t('plan.running') : t('plan.run')}
            </button>
          </div>
          <Scroll>
            <table data-testid="retention-plan">
              <thead>
                <tr>
                  <th>{t('plan.what')}</th>
                  <th>{t('plan.rule')}</th>
                  <th>{t('plan.end')}</th>
                  <th>{t('plan.count')}</th>
                  <th>{t('plan.oldest')}</th>
                  <th>{t('plan.held')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.lines.map((l) => (
                  <tr key={l.target} data-target={l.target}>
                    <td>{t(`targets.${l.target}`)}</td>
                    <td>
                      {l.rules.length === 0 ? (
                        <span className="muted">{t('plan.noRule')}</span>
                      ) : (
                        l.rules.map((r) => (
                          <div key={r.rule + r.from}>
                            {ruleName(r, i18n.language)} · {periodText(r.period)}
                            {r.floor && <span className="badge"> {t('plan.floor')}</span>}
                          </div>
                        ))
                      )}
                    </td>
                    <td>{l.end ? t(`ends.${l.end}`) : '—'}</td>
                    <td>{l.count}</td>
                    <td>{l.oldest ?? '—'}</td>
                    <td>{l.held ? <span className="badge flag">{l.held}</span> : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <p className="hint">{t('plan.total', { count: total })}</p>
        </div>
      )}
      {shown && <RunReport run={shown} onClose={() => setShown(null)} />}
      <div className="card">
        <h2>{t('runs.title')}</h2>
        {runs.length === 0 ? (
          <p className="muted">{t('runs.none')}</p>
        ) : (
          <Scroll>
            <table data-testid="retention-runs">
              <thead>
                <tr>
                  <th>{t('runs.date')}</th>
                  <th>{t('runs.trigger')}</th>
                  <th>{t('runs.status')}</th>
                  <th>{t('runs.removed')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.runDate}</td>
                    <td>{t(`runs.triggers.${r.trigger}`, { defaultValue: r.trigger })}</td>
                    <td>{t(`runs.${r.status}`)}</td>
                    <td>{r.report.reduce((s, l) => s + l.deleted + l.anonymised + l.archived, 0)}</td>
                    <td>
                      <button type="button" className="link" onClick={() => setShown(r)}>
                        {t('runs.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </div>
      <HoldsPanel onChange={load} />
    </section>
  );
}

/** A run's report beside its plan: what was planned and what was done, per target (no personal data). */
function RunReport({ run, onClose }: { run: Run; onClose: () => void }) {
  const { t, i18n } = useTranslation('retention');
  return (
    <div className="card" data-testid="retention-report" aria-live="polite">
      <div className="spread">
        <h2>{t('report.title', { date: run.runDate })}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t('report.close')}
        </button>
      </div>
      <p className="hint">
        {t(`runs.${run.status}`)} · {when(run.startedAt, i18n.language)} – {when(run.finishedAt, i18n.language)} ·{' '}
        {t('report.batches', { count: run.batches })}
      </p>
      <Scroll>
        <table>
          <thead>
            <tr>
              <th>{t('plan.what')}</th>
              <th>{t('report.planned')}</th>
              <th>{t('report.deleted')}</th>
              <th>{t('report.anonymised')}</th>
              <th>{t('report.archived')}</th>
              <th>{t('report.note')}</th>
            </tr>
          </thead>
          <tbody>
            {run.report.map((l) => {
              const planned = run.plan.lines.find((p) => p.target === l.target)?.count ?? 0;
              return (
                <tr key={l.target} data-target={l.target}>
                  <td>{t(`targets.${l.target}`)}</td>
                  <td>{planned}</td>
                  <td>{l.deleted}</td>
                  <td>{l.anonymised}</td>
                  <td>{l.archived}</td>
                  <td>
                    {l.failed ? <span className="badge flag">{t('report.failed', { count: l.failed })}</span> : null}
                    {l.note?.startsWith('held') ? <span className="badge flag">{t('report.held')}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Scroll>
    </div>
  );
}
