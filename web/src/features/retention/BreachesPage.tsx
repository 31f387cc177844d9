import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { Link, useRouter } from '../../shell/router';
import { fromLocalInput, OversightNav, Scroll, toLocalInput, useErrorText, when } from './common';

type Breach = ApiResponse<'GET /api/breaches'>['items'][number];
const categories = ['name', 'id_code', 'contact', 'health', 'financial', 'recording'] as const;

/** The 72-hour clock in words: hours left, or how late (counted to the notification once made). */
export function Countdown({ b }: { b: Pick<Breach, 'minutesLeft' | 'late' | 'authorityNotifiedAt'> }) {
  const { t } = useTranslation('retention');
  const h = Math.floor(Math.abs(b.minutesLeft) / 60);
  const m = Math.abs(b.minutesLeft) % 60;
  if (b.authorityNotifiedAt)
    return (
      <span className={b.late ? 'badge flag' : 'badge'}>
        {t(b.late ? 'breaches.notifiedLate' : 'breaches.notified')}
      </span>
    );
  return (
    <span className={b.late || b.minutesLeft < 12 * 60 ? 'badge flag' : 'badge'} data-testid="countdown">
      {b.late ? t('breaches.overdue', { h, m }) : t('breaches.left', { h, m })}
    </span>
  );
}

/** The breach register: every breach with its clock, and the form that records a new one. */
export function BreachesPage() {
  const { t, i18n } = useTranslation('retention');
  const errorText = useErrorText();
  const { navigate } = useRouter();
  const [items, setItems] = useState<Breach[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [f, setF] = useState({
    discoveredAt: toLocalInput(new Date()),
    nature: '',
    categories: [] as string[],
    approxPeople: '0',
    approxRecords: '0',
    consequences: '',
    measures: '',
  });
  const load = useCallback(async () => {
    try {
      setItems((await api('GET /api/breaches')).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const b = await api('POST /api/breaches', {
        body: {
          discoveredAt: fromLocalInput(f.discoveredAt),
          nature: f.nature,
          categories: f.categories,
          approxPeople: Number(f.approxPeople),
          approxRecords: Number(f.approxRecords),
          consequences: f.consequences,
          measures: f.measures,
        },
      });
      navigate(`/breaches/${b.id}`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const toggle = (c: string, on: boolean) =>
    setF({ ...f, categories: on ? [...f.categories, c] : f.categories.filter((x) => x !== c) });

  return (
    <section>
      <OversightNav />
      <h1>{t('breaches.title')}</h1>
      <p className="hint">{t('breaches.intro')}</p>
      <div className="card">
        {items.length === 0 ? (
          <p className="muted">{t('breaches.none')}</p>
        ) : (
          <Scroll>
            <table data-testid="breaches">
              <thead>
                <tr>
                  <th>{t('breaches.discoveredAt')}</th>
                  <th>{t('breaches.nature')}</th>
                  <th>{t('breaches.people')}</th>
                  <th>{t('breaches.clock')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.id}>
                    <td>{when(b.discoveredAt, i18n.language)}</td>
                    <td>
                      <Link to={`/breaches/${b.id}`}>
                        {b.nature.length > 80 ? `${b.nature.slice(0, 80)}…` : b.nature}
                      </Link>
                    </td>
                    <td>{b.approxPeople}</td>
                    <td>
                      <Countdown b={b} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </div>
      <form className="card" onSubmit={submit}>
        <h2>{t('breaches.add')}</h2>
        <div className="grid3">
          <label>
            {t('breaches.discoveredAt')}
            <input
              name="discoveredAt"
              type="datetime-local"
              value={f.discoveredAt}
              onChange={(e) => setF({ ...f, discoveredAt: e.target.value })}
              required
            />
          </label>
          <label>
            {t('breaches.people')}
            <input
              name="approxPeople"
              type="number"
              min={0}
              value={f.approxPeople}
              onChange={(e) => setF({ ...f, approxPeople: e.target.value })}
              required
            />
          </label>
          <label>
            {t('breaches.records')}
            <input
              name="approxRecords"
              type="number"
              min={0}
              value={f.approxRecords}
              onChange={(e) => setF({ ...f, approxRecords: e.target.value })}
              required
            />
          </label>
        </div>
        <label>
          {t('breaches.nature')}
          <textarea
            name="nature"
            rows={3}
            value={f.nature}
            onChange={(e) => setF({ ...f, nature: e.target.value })}
            required
            minLength={10}
          />
        </label>
        <fieldset className="row" style={{ border: 'none', padding: 0 }}>
          <legend>{t('breaches.categories')}</legend>
          {categories.map((c) => (
            <label key={c} className="row" style={{ flexDirection: 'row', margin: 0 }}>
              <input
                type="checkbox"
                name={`category-${c}`}
                checked={f.categories.includes(c)}
                onChange={(e) => toggle(c, e.target.checked)}
              />
              {t(`breaches.cat.${c}`)}
            </label>
          ))}
        </fieldset>
        <div className="grid2">
          <label>
            {t('breaches.consequences')}
            <textarea
              name="consequences"
              rows={2}
              value={f.consequences}
              onChange={(e) => setF({ ...f, consequences: e.target.value })}
              required
            />
          </label>
          <label>
            {t('breaches.measures')}
            <textarea
              name="measures"
              rows={2}
              value={f.measures}
              onChange={(e) => setF({ ...f, measures: e.target.value })}
              required
            />
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('breaches.record')}
        </button>
      </form>
    </section>
  );
}
