import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useRouter } from '../../shell/router';
import { OversightNav, useErrorText } from './common';

type Review = ApiResponse<'GET /api/access-review'>;
type Finding = Review['items'][number];
type Outcome = 'justified' | 'breach_opened' | 'instructed';

/**
 * The DPO's review of unusual access from the audit log (break-the-glass, patients a staff member
 * does not treat, bulk reads, out of hours, the same surname): each finding explained, marked
 * reviewed with an outcome and a note; a finding can open a breach.
 */
export function AccessReviewPage() {
  const { t } = useTranslation('retention');
  const errorText = useErrorText();
  const { navigate } = useRouter();
  const [range, setRange] = useState({ from: '', to: '' });
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    async (r: { from: string; to: string }) => {
      try {
        setReview(
          await api('GET /api/access-review', {
            query: { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) },
          }),
        );
        setError(null);
      } catch (err) {
        setError(errorText(err));
      }
    },
    [errorText],
  );
  useEffect(() => {
    void load({ from: '', to: '' });
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    void load(range);
  };
  return (
    <section>
      <OversightNav />
      <h1>{t('review.title')}</h1>
      <p className="hint">{t('review.intro')}</p>
      <form className="card row" onSubmit={search}>
        <label>
          {t('review.from')}
          <input
            name="reviewFrom"
            type="date"
            value={range.from}
            onChange={(e) => setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label>
          {t('review.to')}
          <input
            name="reviewTo"
            type="date"
            value={range.to}
            onChange={(e) => setRange({ ...range, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('review.show')}</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {review && (
        <div data-testid="findings">
          <p className="muted">{t('review.period', { from: review.from, to: review.to })}</p>
          {review.items.length === 0 && <p className="card">{t('review.none')}</p>}
          {review.items.map((f) => (
            <FindingCard key={f.key} f={f} onDone={() => load(range)} onBreach={() => navigate('/breaches')} />
          ))}
        </div>
      )}
    </section>
  );
}

function FindingCard({ f, onDone, onBreach }: { f: Finding; onDone: () => void; onBreach: () => void }) {
  const { t } = useTranslation('retention');
  const errorText = useErrorText();
  const [outcome, setOutcome] = useState<Outcome>('justified');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mark = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST /api/access-review/marks', { body: { key: f.key, outcome, note } });
      if (outcome === 'breach_opened') onBreach();
      else onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <article className="card" data-kind={f.kind}>
      <div className="spread">
        <h3>
          {t(`review.kinds.${f.kind}`, { defaultValue: f.kind })} · {f.staffName}
        </h3>
        <span className="muted">{f.day}</span>
      </div>
      <p>{t(`review.explain.${f.kind}`, { count: f.count, defaultValue: f.explanation })}</p>
      {f.reviewed ? (
        <p className="ok">
          {t(`review.outcomes.${f.reviewed.outcome}`)}: {f.reviewed.note}
        </p>
      ) : (
        <form className="row" onSubmit={mark}>
          <select
            aria-label={t('review.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
          >
            {(['justified', 'instructed', 'breach_opened'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`review.outcomes.${o}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('review.note')}
            placeholder={t('review.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            required
            minLength={3}
            style={{ flex: 1, minWidth: '12rem' }}
          />
          <button type="submit">{t('review.mark')}</button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </article>
  );
}
