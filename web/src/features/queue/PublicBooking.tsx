import i18next from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkEitherIdCode } from '../../../../src/rules/id-code-either';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { type Language, languages } from '../../shell/feature';
import { formatDay } from '../../shell/format';
import { type PublicSlot, PublicTimes, whenLabel } from './PublicTimes';

type Info = ApiResponse<'GET /api/public/clinics/{slug}/booking'>;
type RequestBody = ApiBody<'POST /api/public/clinics/{slug}/booking-requests'>;
type Reminder = 'none' | 'sms' | 'email';
const fields = ['firstName', 'lastName', 'idCode', 'birthDate', 'mobile', 'email', 'message'] as const;
type Field = (typeof fields)[number];
type Errors = Partial<Record<Field | 'reminder', string>>;

const LANG_KEY = 'hoidja.booking.lang';
const isLanguage = (l: string | null): l is Language => !!l && (languages as readonly string[]).includes(l);

/** The page's language, without changing the staff app's stored choice. */
function showIn(l: Language) {
  void i18next.changeLanguage(l);
  document.documentElement.lang = l;
}

/** What the person typed, checked as the server will, in the page's words (error keys of `booking.errors`). */
function check(f: Record<Field, string>, reminder: Reminder, country: 'EE' | 'LV'): Errors {
  const e: Errors = {};
  const today = new Date().toISOString().slice(0, 10); // the device's date
  if (!f.firstName.trim()) e.firstName = 'required';
  if (!f.lastName.trim()) e.lastName = 'required';
  if (f.birthDate && f.birthDate > today) e.birthDate = 'birthFuture';
  if (f.idCode.trim()) {
    const r = checkEitherIdCode(f.idCode, country, today);
    if (!r.valid) e.idCode = 'idCode';
    else if (!r.birthDate && !f.birthDate) e.birthDate = 'idNoBirth';
    else if (r.birthDate && f.birthDate && r.birthDate !== f.birthDate) e.birthDate = 'idBirthMismatch';
  } else if (!f.birthDate) e.idCode = 'idOrBirth';
  if (!f.mobile.trim() && !f.email.trim()) e.mobile = 'contacts';
  if (f.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) e.email = 'email';
  if (reminder === 'sms' && !f.mobile.trim()) e.reminder = 'smsNeedsMobile';
  if (reminder === 'email' && !f.email.trim()) e.reminder = 'emailNeedsEmail';
  if (f.message.trim().length < 3) e.message = 'message';
  return e;
}

/** The server's refusal of a field, in the page's words. */
function serverError(err: ApiError): Errors | 'taken' | 'tooMany' | 'generic' {
  if (err.status === 429) return 'tooMany';
  if (err.status === 409) return 'taken';
  const reason = err.reason ?? '';
  switch (err.field) {
    case 'idCode':
      return { idCode: 'idCode' };
    case 'birthDate':
      return {
        birthDate:
          err.reasonCode === 'future_date'
            ? 'birthFuture'
            : /code says/.test(reason)
              ? 'idBirthMismatch'
              : /carries no/.test(reason)
                ? 'idNoBirth'
                : 'idOrBirth',
      };
    case 'mobile':
      return { mobile: /leave a phone/.test(reason) ? 'contacts' : 'mobile' };
    case 'email':
      return { email: 'email' };
    case 'wantsSmsReminder':
      return { reminder: 'smsNeedsMobile' };
    case 'wantsEmailReminder':
      return { reminder: 'emailNeedsEmail' };
    case 'message':
      return { message: 'message' };
    case 'firstName':
    case 'lastName':
      return { [err.field]: 'required' };
    default:
      return 'generic';
  }
}

/** The clinic's public booking page: no login; it leaves a written request that reception answers. */
export function PublicBooking({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation('queue');
  const [info, setInfo] = useState<Info | null>(null);
  const [failed, setFailed] = useState(false);
  const [service, setService] = useState('');
  const [chosen, setChosen] = useState<PublicSlot | null>(null);
  const [form, setForm] = useState<Record<Field, string>>(
    Object.fromEntries(fields.map((f) => [f, ''])) as Record<Field, string>,
  );
  const [reminder, setReminder] = useState<Reminder>('none');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [sent, setSent] = useState<{ dueDate: string; slot: PublicSlot | null; name: string } | null>(null);

  const choose = (l: Language) => {
    localStorage.setItem(LANG_KEY, l);
    showIn(l);
  };
  useEffect(() => {
    api('GET /api/public/clinics/{slug}/booking', { path: { slug } })
      .then((i) => {
        setInfo(i);
        setService(i.services[0]?.id ?? '');
        // The visitor's own choice (a link's ?lang=, or chosen here before), else the clinic's language.
        const asked = new URLSearchParams(window.location.search).get('lang');
        const before = localStorage.getItem(LANG_KEY);
        showIn(isLanguage(asked) ? asked : isLanguage(before) ? before : i.clinic.defaultLanguage);
      })
      .catch(() => setFailed(true));
  }, [slug]);

  const lang = i18n.language as Language;
  if (!info) return failed ? <p className="error">{t('booking.errors.generic')}</p> : null;
  const nameOf = (id: string) => info.professionals.find((p) => p.id === id)?.name;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBanner(null);
    const found = check(form, reminder, info.clinic.country);
    setErrors(found);
    if (Object.keys(found).length) {
      setBanner(t('booking.fix'));
      return;
    }
    const body: RequestBody = {
      serviceId: service,
      language: lang,
      firstName: form.firstName,
      lastName: form.lastName,
      message: form.message,
      wantsSmsReminder: reminder === 'sms',
      wantsEmailReminder: reminder === 'email',
    };
    for (const k of ['idCode', 'birthDate', 'mobile', 'email'] as const) if (form[k].trim()) body[k] = form[k].trim();
    if (chosen) {
      body.preferredStart = chosen.start;
      body.professionalId = chosen.professionalId;
    }
    try {
      const r = await api('POST /api/public/clinics/{slug}/booking-requests', { path: { slug }, body });
      setSent({ dueDate: r.dueDate, slot: chosen, name: form.firstName });
    } catch (err) {
      const said = err instanceof ApiError ? serverError(err) : 'generic';
      if (typeof said === 'object') {
        setErrors(said);
        setBanner(t('booking.fix'));
      } else {
        if (said === 'taken') setChosen(null);
        setBanner(t(`booking.errors.${said}`));
      }
    }
  };

  const input = (k: Field, type = 'text', hint?: string) => (
    <label>
      {t(`booking.${k}`)}
      {hint && <span className="hint"> ({hint})</span>}
      <input
        name={k}
        type={type}
        value={form[k]}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={errors[k] ? `${k}-error` : undefined}
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
      {errors[k] && (
        <span className="error" id={`${k}-error`} data-testid={`error-${k}`}>
          {t(`booking.errors.${errors[k]}`)}
        </span>
      )}
    </label>
  );
  const ordered = [info.clinic.defaultLanguage, ...languages.filter((l) => l !== info.clinic.defaultLanguage)];

  return (
    <div>
      <div className="spread" style={{ flexWrap: 'wrap' }}>
        <h1>
          {info.clinic.name}: {t('booking.title')}
        </h1>
        <select
          data-testid="public-language"
          aria-label={t('booking.language')}
          value={lang}
          onChange={(e) => choose(e.target.value as Language)}
        >
          {ordered.map((l) => (
            <option key={l} value={l}>
              {{ et: 'Eesti', lv: 'Latviešu', en: 'English', ru: 'Русский' }[l]}
            </option>
          ))}
        </select>
      </div>
      {sent ? (
        <div className="ok card" role="status" data-testid="request-sent">
          <p>
            <strong>{t('booking.sent', { name: sent.name })}</strong>
          </p>
          {sent.slot && (
            <p data-testid="sent-time">
              {t('booking.sentTime', { when: whenLabel(sent.slot.start), who: nameOf(sent.slot.professionalId) })}
            </p>
          )}
          <p>{t('booking.sentDue', { date: formatDay(sent.dueDate) })}</p>
          <button
            type="button"
            onClick={() => {
              setSent(null);
              setChosen(null);
            }}
          >
            {t('booking.again')}
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="card">
            <label>
              {t('booking.service')}
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
            <PublicTimes slug={slug} serviceId={service} chosen={chosen} onChoose={setChosen} nameOf={nameOf} />
            <p data-testid="chosen-time">
              {chosen
                ? t('booking.chosen', { when: whenLabel(chosen.start), who: nameOf(chosen.professionalId) })
                : t('booking.noTimeChosen')}
            </p>
          </div>
          <div className="card">
            <div className="grid2">
              {input('firstName')}
              {input('lastName')}
              {input('idCode')}
              {input('birthDate', 'date', t('booking.birthHint'))}
              {input('mobile', 'tel')}
              {input('email', 'email')}
            </div>
            <p className="hint">{t('booking.contactsHint')}</p>
            <label>
              {t('booking.message')}
              <textarea
                name="message"
                value={form.message}
                aria-invalid={errors.message ? true : undefined}
                onChange={(e) => setForm({ ...form, message: e.target.value })}
              />
              {errors.message && (
                <span className="error" data-testid="error-message">
                  {t(`booking.errors.${errors.message}`)}
                </span>
              )}
            </label>
            <fieldset style={{ border: 'none', padding: 0 }}>
              <legend>{t('booking.reminder')}</legend>
              <div className="row">
                {(['none', 'sms', 'email'] as const).map((r) => (
                  <label key={r} style={{ flexDirection: 'row', alignItems: 'center', gap: '0.3rem' }}>
                    <input
                      type="radio"
                      name="reminder"
                      value={r}
                      checked={reminder === r}
                      onChange={() => setReminder(r)}
                    />
                    {t(`booking.reminder${r === 'none' ? 'None' : r === 'sms' ? 'Sms' : 'Email'}`)}
                  </label>
                ))}
              </div>
              {errors.reminder && (
                <span className="error" data-testid="error-reminder">
                  {t(`booking.errors.${errors.reminder}`)}
                </span>
              )}
            </fieldset>
            <p className="hint">{t('booking.privacy')}</p>
            {banner && (
              <p className="error" role="alert">
                {banner}
              </p>
            )}
            <button type="submit" className="primary">
              {t('booking.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
