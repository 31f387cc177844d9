import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { type Language, languages } from '../../shell/feature';
import { setLanguage } from '../../shell/i18n';
import { addDays, dateTime, hhmm, localDay, today, weekday } from './time';

type Info = ApiResponse<'GET /api/public/clinics/{slug}/booking'>;
type Slot = ApiResponse<'GET /api/public/clinics/{slug}/slots'>['slots'][number];
type RequestBody = ApiBody<'POST /api/public/clinics/{slug}/booking-requests'>;

/** The clinic's public booking page: no login; it leaves a written request for reception. */
export function PublicBooking({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language as Language;
  const [info, setInfo] = useState<Info | null>(null);
  const [service, setService] = useState('');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [form, setForm] = useState({
    firstName: '',
    lastName: '',
    idCode: '',
    birthDate: '',
    mobile: '',
    email: '',
    message: '',
    wantsSmsReminder: true,
    wantsEmailReminder: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  useEffect(() => {
    api('GET /api/public/clinics/{slug}/booking', { path: { slug } })
      .then((i) => {
        setInfo(i);
        setService(i.services[0]?.id ?? '');
      })
      .catch((e) => setError(String(e.message)));
  }, [slug]);
  useEffect(() => {
    if (!service) return;
    const from = today();
    api('GET /api/public/clinics/{slug}/slots', {
      path: { slug },
      query: { serviceId: service, from, to: addDays(from, 20) },
    }).then((r) => setSlots(r.slots));
  }, [slug, service]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body: RequestBody = {
      serviceId: service,
      language: lang,
      firstName: form.firstName,
      lastName: form.lastName,
      message: form.message,
      wantsSmsReminder: form.wantsSmsReminder,
      wantsEmailReminder: form.wantsEmailReminder,
    };
    for (const k of ['idCode', 'birthDate', 'mobile', 'email'] as const) if (form[k]) body[k] = form[k];
    if (chosen) {
      body.preferredStart = chosen.start;
      body.professionalId = chosen.professionalId;
    }
    try {
      const r = await api('POST /api/public/clinics/{slug}/booking-requests', { path: { slug }, body });
      setSent(r.dueDate);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.field ? `${err.field}: ` : ''}${err.message}` : String(err));
    }
  };
  if (!info) return error ? <p className="error">{error}</p> : null;
  // A patient chooses a time, not a slot per doctor: one button per time (the first free
  // professional), in order; the chosen doctor is named under the times.
  const firstPerTime = new Map<string, (typeof slots)[number]>();
  for (const s of slots.filter((x) => Number(hhmm(x.start).slice(3)) % 30 === 0))
    if (!firstPerTime.has(s.start)) firstPerTime.set(s.start, s);
  const byDay = new Map<string, typeof slots>();
  for (const s of [...firstPerTime.values()].sort((a, b) => a.start.localeCompare(b.start)))
    byDay.set(localDay(s.start), [...(byDay.get(localDay(s.start)) ?? []), s]);
  const field = (k: keyof typeof form, type = 'text', required = false) => (
    <label>
      {t(`public.${k}`)}
      <input
        name={k}
        type={type}
        required={required}
        value={String(form[k])}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <div>
      <div className="spread">
        <h1>
          {info.clinic.name}: {t('public.title')}
        </h1>
        <select aria-label="language" value={lang} onChange={(e) => setLanguage(e.target.value as Language)}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
      </div>
      {sent ? (
        <p className="ok card" role="status" data-testid="request-sent">
          {t('public.sent', { date: sent })}
        </p>
      ) : (
        <form onSubmit={submit}>
          <div className="card">
            <label>
              {t('public.service')}
              <select
                name="service"
                value={service}
                onChange={(e) => {
                  setService(e.target.value);
                  setChosen(null);
                }}
              >
                {info.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.names[lang] ?? s.name} ({s.durationMinutes} min)
                  </option>
                ))}
              </select>
            </label>
            <h2>{t('public.times')}</h2>
            {byDay.size === 0 && <p className="muted">{t('public.noTimes')}</p>}
            {[...byDay.entries()].slice(0, 10).map(([d, list]) => (
              <div key={d} className="row">
                <strong style={{ minWidth: '6rem' }}>{weekday(d, lang)}</strong>
                {list.slice(0, 12).map((s) => (
                  <button
                    type="button"
                    key={`${s.professionalId}${s.start}`}
                    data-testid="public-slot"
                    data-start={s.start}
                    className={chosen === s ? 'primary' : ''}
                    onClick={() => setChosen(s)}
                    title={info.professionals.find((p) => p.id === s.professionalId)?.name}
                  >
                    {hhmm(s.start)}
                  </button>
                ))}
              </div>
            ))}
            {chosen && (
              <p>
                {dateTime(chosen.start, lang)} · {info.professionals.find((p) => p.id === chosen.professionalId)?.name}
              </p>
            )}
          </div>
          <div className="card">
            <div className="row">
              {field('firstName', 'text', true)}
              {field('lastName', 'text', true)}
            </div>
            <div className="row">
              {field('idCode')}
              {field('birthDate', 'date')}
            </div>
            <div className="row">
              {field('mobile', 'tel')}
              {field('email', 'email')}
            </div>
            <label>
              {t('public.message')}
              <textarea
                name="message"
                required
                minLength={3}
                value={form.message}
                onChange={(e) => setForm({ ...form, message: e.target.value })}
              />
            </label>
            <label style={{ flexDirection: 'row', alignItems: 'center' }}>
              <input
                type="checkbox"
                checked={form.wantsSmsReminder}
                onChange={(e) => setForm({ ...form, wantsSmsReminder: e.target.checked })}
              />{' '}
              {t('public.wantsSms')}
            </label>
            <label style={{ flexDirection: 'row', alignItems: 'center' }}>
              <input
                type="checkbox"
                checked={form.wantsEmailReminder}
                onChange={(e) => setForm({ ...form, wantsEmailReminder: e.target.checked })}
              />{' '}
              {t('public.wantsEmail')}
            </label>
            <p className="hint">{t('public.privacy')}</p>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary">
              {t('public.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
