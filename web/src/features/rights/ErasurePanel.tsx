import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { OutcomeLine, useAction } from './shared';

type RequestView = ApiResponse<'GET /api/requests/{id}'>;
type Plan = ApiResponse<'GET /api/requests/{id}/erasure-plan'>;
type Target = ApiBody<'POST /api/requests/{id}/erasure'>['targets'][number];

/**
 * An erasure request decided per data category: what no duty keeps can be erased now; what the law
 * keeps shows its rule and the day it ends, what a legal hold keeps shows the hold. The answer to the
 * person is written from the decision, in their language.
 */
export function ErasurePanel({ request, onDone }: { request: RequestView; onDone: (r: RequestView) => void }) {
  const { t } = useTranslation('rights');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [chosen, setChosen] = useState<Target[]>([]);
  const [note, setNote] = useState('');
  const { outcome, busy, run } = useAction();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the plan is read once per request.
  useEffect(() => {
    void run(async () => {
      const p = await api('GET /api/requests/{id}/erasure-plan', { path: { id: request.id } });
      setPlan(p);
      setChosen(p.parts.filter((x) => x.status === 'erasable').map((x) => x.target as Target));
    });
  }, [request.id]);
  const toggle = (target: Target) =>
    setChosen(chosen.includes(target) ? chosen.filter((x) => x !== target) : [...chosen, target]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () =>
      onDone(
        await api('POST /api/requests/{id}/erasure', {
          path: { id: request.id },
          body: { targets: chosen, note: note.trim() || undefined },
        }),
      ),
    );
  };
  return (
    <form className="card" onSubmit={submit} data-testid="erasure-plan">
      <h2>{t('erasure.title')}</h2>
      <p className="hint">{t('erasure.intro')}</p>
      {!plan && !outcome && <p>{t('shell:loading')}</p>}
      {plan && (
        <fieldset className="rights-choice">
          <legend>{t('erasure.parts')}</legend>
          {plan.parts.map((p) => (
            <div key={p.target} data-testid={`erasure-${p.target}`}>
              {p.status === 'erasable' ? (
                <label>
                  <input
                    type="checkbox"
                    name={p.target}
                    checked={chosen.includes(p.target as Target)}
                    onChange={() => toggle(p.target as Target)}
                  />
                  <span>
                    <strong>{t(`erasure.targets.${p.target}`, { defaultValue: p.target })}</strong>
                    <br />
                    <span className="ok">{t('erasure.erasable')}</span>
                  </span>
                </label>
              ) : (
                <p>
                  <strong>{t(`erasure.targets.${p.target}`, { defaultValue: p.target })}</strong>
                  <br />
                  <span className="warn" data-testid="erasure-kept">
                    {p.status === 'held'
                      ? t('erasure.held', { reason: p.hold?.reason ?? '' })
                      : t('erasure.kept', { date: formatDay(p.until), rule: p.rule ?? '' })}
                  </span>
                </p>
              )}
            </div>
          ))}
        </fieldset>
      )}
      <label>
        {t('erasure.note')}
        <textarea name="erasureNote" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <OutcomeLine outcome={outcome} />
      <button type="submit" className="primary" disabled={!plan || busy}>
        {t('erasure.decide')}
      </button>
    </form>
  );
}
