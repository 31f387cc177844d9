import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import type { Language } from '../../shell/feature';
import { formatDay } from '../../shell/format';
import type { PatientRecord } from './PatientPage';

type Insurance = NonNullable<ApiBody<'PATCH /api/patients/{id}'>['insurance']>['status'];

/** The record's facts, and their correction: every field, the earlier values kept in the history. */
export function PatientDetails({
  record,
  reason,
  onSaved,
}: {
  record: PatientRecord;
  reason?: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation('patients');
  const p = record.patient;
  const [editing, setEditing] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const archive = async () => {
    const why = window.prompt(t('page.archiveReason'));
    if (!why) return;
    await api('POST /api/patients/{id}/archive', { path: { id: p.id }, body: { reason: why }, reason }).catch((err) =>
      setMsg(err.message),
    );
    onSaved();
  };
  if (editing)
    return (
      <EditForm
        record={record}
        reason={reason}
        onDone={(saved) => {
          setEditing(false);
          if (saved) {
            setMsg(t('page.saved'));
            onSaved();
          }
        }}
      />
    );
  return (
    <div className="card">
      {p.identity.kind === 'national' && p.identity.warning && (
        <p className="warn">
          {t('page.warning')}: {p.identity.warning}
        </p>
      )}
      <dl className="facts" data-testid="patient-facts">
        <dt>{t('form.code')}</dt>
        <dd>
          {p.identity.kind === 'national'
            ? `${p.identity.code} (${p.identity.country})`
            : `${t(`form.${p.identity.documentType}`)} ${p.identity.documentNumber} (${p.identity.documentCountry})`}
        </dd>
        <dt>{t('form.birthDate')}</dt>
        <dd>{formatDay(p.birthDate)}</dd>
        <dt>{t('form.sex')}</dt>
        <dd>{p.sex ? t(`form.${p.sex}`) : '—'}</dd>
        <dt>{t('form.mobile')}</dt>
        <dd>{p.mobile ?? '—'}</dd>
        <dt>{t('form.email')}</dt>
        <dd style={{ overflowWrap: 'anywhere' }}>{p.email ?? '—'}</dd>
        <dt>{t('form.street')}</dt>
        <dd>
          {p.address ? `${p.address.street}, ${p.address.postalCode} ${p.address.city}, ${p.address.country}` : '—'}
        </dd>
        <dt>{t('form.language')}</dt>
        <dd>{languageNames[p.preferredLanguage as Language] ?? p.preferredLanguage}</dd>
        <dt>{t('form.insurance')}</dt>
        <dd>
          {p.insurance
            ? `${t(`form.${p.insurance.status}`)}${p.insurance.insurer ? ` (${p.insurance.insurer})` : ''}`
            : '—'}
        </dd>
        <dt>{t('form.occupation')}</dt>
        <dd>{p.occupation ?? '—'}</dd>
        <dt>{t('form.workplace')}</dt>
        <dd>{p.workplace ?? '—'}</dd>
        <dt>{t('form.healthNotes')}</dt>
        <dd>{p.healthVisible ? (p.healthNotes ?? '—') : <span className="muted">{t('page.healthHidden')}</span>}</dd>
      </dl>
      <div className="row" style={{ marginTop: '1rem' }}>
        <button type="button" onClick={() => setEditing(true)}>
          {t('page.edit')}
        </button>
        {p.status === 'active' && (
          <button type="button" onClick={archive}>
            {t('page.archive')}
          </button>
        )}
      </div>
      {msg && <p role="status">{msg}</p>}
    </div>
  );
}

const languageNames: Record<Language, string> = { et: 'eesti', lv: 'latviešu', en: 'English', ru: 'русский' };

function EditForm({
  record,
  reason,
  onDone,
}: {
  record: PatientRecord;
  reason?: string;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation('patients');
  const p = record.patient;
  const initial = {
    firstName: p.firstName,
    lastName: p.lastName,
    mobile: p.mobile ?? '',
    email: p.email ?? '',
    street: p.address?.street ?? '',
    city: p.address?.city ?? '',
    postalCode: p.address?.postalCode ?? '',
    addressCountry: p.address?.country ?? 'EE',
    preferredLanguage: p.preferredLanguage as Language,
    insurance: (p.insurance?.status ?? 'unknown') as Insurance,
    insurer: p.insurance?.insurer ?? '',
    occupation: p.occupation ?? '',
    workplace: p.workplace ?? '',
    healthNotes: p.healthNotes ?? '',
    changeReason: '',
  };
  const [f, setF] = useState(initial);
  const labelOf = useCallback(
    (field: string) => {
      const key = field.replace(/^address\./, '').replace(/^insurance\./, '');
      const known: Record<string, string> = {
        street: 'form.street',
        city: 'form.city',
        postalCode: 'form.postalCode',
        country: 'form.addressCountry',
        status: 'form.insurance',
        insurer: 'form.insurer',
        reason: 'page.changeReason',
      };
      return t(known[key] ?? `form.${key}`, { defaultValue: field });
    },
    [t],
  );
  const errorText = useErrorText(labelOf);
  const [error, setError] = useState<string | null>(null);
  const changed = <K extends keyof typeof initial>(...keys: K[]) => keys.some((k) => f[k] !== initial[k]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    // Only what was corrected is sent: the history then names exactly the fields that changed.
    const body: ApiBody<'PATCH /api/patients/{id}'> = { version: p.version };
    if (changed('firstName')) body.firstName = f.firstName;
    if (changed('lastName')) body.lastName = f.lastName;
    if (changed('mobile')) body.mobile = f.mobile || null;
    if (changed('email')) body.email = f.email || null;
    if (changed('street', 'city', 'postalCode', 'addressCountry'))
      body.address = f.street
        ? { street: f.street, city: f.city, postalCode: f.postalCode, country: f.addressCountry.toUpperCase() }
        : null;
    if (changed('preferredLanguage')) body.preferredLanguage = f.preferredLanguage;
    if (changed('insurance', 'insurer'))
      body.insurance = { status: f.insurance, ...(f.insurer ? { insurer: f.insurer } : {}) };
    if (changed('occupation')) body.occupation = f.occupation || null;
    if (changed('workplace')) body.workplace = f.workplace || null;
    if (p.healthVisible && changed('healthNotes')) body.healthNotes = f.healthNotes || null;
    if (f.changeReason) body.reason = f.changeReason;
    try {
      await api('PATCH /api/patients/{id}', { path: { id: p.id }, body, reason });
      onDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const input = (name: keyof typeof initial, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input name={name} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} {...props} />
    </label>
  );
  return (
    <form className="card" onSubmit={save} data-testid="patient-edit">
      <p className="hint">{t('record.corrections')}</p>
      <div className="grid2">
        {input('firstName', t('form.firstName'), { required: true })}
        {input('lastName', t('form.lastName'), { required: true })}
        {input('mobile', t('form.mobile'), { type: 'tel' })}
        {input('email', t('form.email'), { type: 'email' })}
        {input('street', t('form.street'))}
        {input('city', t('form.city'))}
        {input('postalCode', t('form.postalCode'))}
        {input('addressCountry', t('form.addressCountry'), { maxLength: 2 })}
        <label>
          {t('form.language')}
          <select
            name="preferredLanguage"
            value={f.preferredLanguage}
            onChange={(e) => setF({ ...f, preferredLanguage: e.target.value as Language })}
          >
            {(Object.keys(languageNames) as Language[]).map((l) => (
              <option key={l} value={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('form.insurance')}
          <select
            name="insurance"
            value={f.insurance}
            onChange={(e) => setF({ ...f, insurance: e.target.value as Insurance })}
          >
            {(['insured', 'uninsured', 'unknown'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`form.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {input('insurer', t('form.insurer'))}
        {input('occupation', t('form.occupation'))}
        {input('workplace', t('form.workplace'))}
      </div>
      {p.healthVisible ? (
        <label>
          {t('form.healthNotes')}
          <textarea
            name="healthNotes"
            value={f.healthNotes}
            onChange={(e) => setF({ ...f, healthNotes: e.target.value })}
          />
        </label>
      ) : (
        <p className="muted">{t('record.healthOnlyDoctor')}</p>
      )}
      <label>
        {t('page.changeReason')}
        <input
          name="changeReason"
          value={f.changeReason}
          onChange={(e) => setF({ ...f, changeReason: e.target.value })}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button className="primary" type="submit">
          {t('shell:save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('shell:cancel')}
        </button>
      </div>
    </form>
  );
}
