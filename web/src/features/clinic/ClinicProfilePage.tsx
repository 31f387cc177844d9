import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { reasonText } from '../../shell/errors';

type Clinic = ApiResponse<'GET /api/clinic'>;
type Address = Clinic['addresses'][number];
interface Account {
  iban: string;
  bank: string;
  bic: string;
}
interface Form {
  name: string;
  tradeName: string;
  registryCode: string;
  timeZone: string;
  addresses: Address[];
  accounts: Account[];
  email: string;
  phone: string;
  website: string;
  dpoName: string;
  dpoEmail: string;
  dpoPhone: string;
}

// The zones of the two countries and their neighbours; a clinic's own zone is always offered.
const zones = ['Europe/Tallinn', 'Europe/Riga', 'Europe/Helsinki', 'Europe/Vilnius'];

function formOf(c: Clinic): Form {
  return {
    name: c.name,
    tradeName: c.tradeName ?? '',
    registryCode: c.registryCode,
    timeZone: c.timeZone,
    addresses: c.addresses,
    accounts: c.bankAccounts.map((a) => ({ iban: a.iban, bank: a.bank, bic: a.bic ?? '' })),
    email: c.contacts.email ?? '',
    phone: c.contacts.phone ?? '',
    website: c.contacts.website ?? '',
    dpoName: c.dataProtectionContact.name ?? '',
    dpoEmail: c.dataProtectionContact.email ?? '',
    dpoPhone: c.dataProtectionContact.phone ?? '',
  };
}

/** Only what is filled in: an empty field clears the value rather than storing an empty string. */
const filled = <T extends Record<string, string>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== '')) as Partial<T>;

function bodyOf(f: Form, keep: Clinic): ApiBody<'PATCH /api/clinic'> {
  return {
    name: f.name,
    tradeName: f.tradeName.trim() || null,
    registryCode: f.registryCode,
    timeZone: f.timeZone,
    addresses: f.addresses,
    bankAccounts: f.accounts.map((a) => ({ iban: a.iban, bank: a.bank.trim(), ...filled({ bic: a.bic }) })),
    // Keep what this page does not edit (a contact address, the DPO's postal address).
    contacts: { ...keep.contacts, ...filled({ email: f.email, phone: f.phone, website: f.website }) },
    dataProtectionContact: {
      ...(keep.dataProtectionContact.address ? { address: keep.dataProtectionContact.address } : {}),
      ...filled({ name: f.dpoName, email: f.dpoEmail, phone: f.dpoPhone }),
    },
  };
}

/** The label and the reason, in the page's language, of a field the server refused. */
export function explain(t: (k: string, o?: Record<string, unknown>) => string, country: string, err: ApiError): string {
  const f = err.field ?? '';
  const label =
    f === 'registryCode'
      ? t(`registryCode.${country}`)
      : f.startsWith('dataProtectionContact.')
        ? `${t('dpo')} – ${t(f.endsWith('name') ? 'dpoName' : f.split('.').pop()!)}`
        : /^(addresses\.\d+\.(street|city|postalCode)|bankAccounts\.\d+\.(iban|bank|bic))$/.test(f)
          ? t(f.split('.').pop()!)
          : ['name', 'tradeName', 'timeZone', 'contacts.phone', 'contacts.email', 'contacts.website'].includes(f)
            ? t(f.replace('contacts.', ''))
            : f;
  const kind = f.split('.').pop()!;
  const reason =
    f === 'registryCode'
      ? t(`reasons.registryCode.${country}`)
      : ['phone', 'email', 'website'].includes(kind)
        ? t(`reasons.${kind}`)
        : ['iban', 'bic'].includes(kind)
          ? t(`reasons.${kind}`)
          : ['street', 'city', 'bank'].includes(kind)
            ? t('reasons.required')
            : reasonText(t, err);
  return label ? t('fieldError', { label, reason }) : reason;
}

/** The administrator's clinic profile: names, registry code, time zone, addresses, contacts, the DPO. */
export function ClinicProfilePage() {
  const { t } = useTranslation('clinic');
  const [clinic, setClinic] = useState<Clinic | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api('GET /api/clinic').then((c) => {
      setClinic(c);
      setForm(formOf(c));
    });
  }, []);
  if (!clinic || !form) return <p>{t('shell:loading')}</p>;

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };
  const setAccount = (i: number, patch: Partial<Account>) =>
    set({ accounts: form.accounts.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setAddress = (i: number, patch: Partial<Address>) =>
    set({ addresses: form.addresses.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  // The contact fields are sent inside their objects: a field error names e.g. contacts.phone.
  const invalid = (...fields: string[]) => (error?.field && fields.includes(error.field) ? true : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await api('PATCH /api/clinic', { body: bodyOf(form, clinic) });
      setClinic(c);
      setForm(formOf(c));
      setSaved(true);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { field: err.field, message: explain(t, clinic.country, err) }
          : { message: t('shell:errors.generic') },
      );
      // On a phone the message is far below the field: take the keyboard to the field itself.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };

  const text = (key: keyof Form & string, label: string, fields: string[], type = 'text', autoComplete = 'off') => (
    <label>
      {label}
      <input
        name={key}
        type={type}
        autoComplete={autoComplete}
        value={form[key] as string}
        aria-invalid={invalid(...fields)}
        onChange={(e) => set({ [key]: e.target.value } as Partial<Form>)}
      />
    </label>
  );

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <form onSubmit={submit} aria-label={t('title')}>
        <section className="card" aria-labelledby="clinic-identity">
          <h2 id="clinic-identity">{t('identity')}</h2>
          <div className="grid2">
            {text('name', t('name'), ['name'])}
            {text('tradeName', t('tradeName'), ['tradeName'])}
            {text('registryCode', t(`registryCode.${clinic.country}`), ['registryCode'])}
            <label>
              {t('country')}
              <input name="country" value={t(`countries.${clinic.country}`)} readOnly aria-readonly="true" />
            </label>
            <label>
              {t('timeZone')}
              <select name="timeZone" value={form.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
                {[...new Set([form.timeZone, ...zones])].map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </section>

        <section className="card" aria-labelledby="clinic-addresses">
          <h2 id="clinic-addresses">{t('addresses')}</h2>
          {form.addresses.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: addresses have no id; their order is their identity here
            <div key={i} className="grid3" data-testid="clinic-address">
              <label>
                {t('street')}
                <input
                  name={`street${i}`}
                  value={a.street}
                  aria-invalid={invalid(`addresses.${i}.street`)}
                  onChange={(e) => setAddress(i, { street: e.target.value })}
                />
              </label>
              <label>
                {t('postalCode')}
                <input
                  name={`postalCode${i}`}
                  value={a.postalCode}
                  onChange={(e) => setAddress(i, { postalCode: e.target.value })}
                />
              </label>
              <label>
                {t('city')}
                <input
                  name={`city${i}`}
                  value={a.city}
                  aria-invalid={invalid(`addresses.${i}.city`)}
                  onChange={(e) => setAddress(i, { city: e.target.value })}
                />
              </label>
              <p>
                <button type="button" onClick={() => set({ addresses: form.addresses.filter((_, j) => j !== i) })}>
                  {t('removeAddress')}
                </button>
              </p>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              set({ addresses: [...form.addresses, { street: '', city: '', postalCode: '', country: clinic.country }] })
            }
          >
            {t('addAddress')}
          </button>
        </section>

        <section className="card" aria-labelledby="clinic-contacts">
          <h2 id="clinic-contacts">{t('contacts')}</h2>
          <div className="grid3">
            {text('phone', t('phone'), ['contacts.phone'], 'tel')}
            {text('email', t('email'), ['contacts.email'], 'email')}
            {text('website', t('website'), ['contacts.website'])}
          </div>
        </section>

        <section className="card" aria-labelledby="clinic-accounts">
          <h2 id="clinic-accounts">{t('accounts')}</h2>
          <p className="hint">{t('accountsHint')}</p>
          {form.accounts.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: accounts have no id; their order is the invoice's
            <div key={i} className="grid3" data-testid="clinic-account">
              <label>
                {t('iban')}
                <input
                  name={`iban${i}`}
                  value={a.iban}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={invalid(`bankAccounts.${i}.iban`)}
                  onChange={(e) => setAccount(i, { iban: e.target.value })}
                />
              </label>
              <label>
                {t('bank')}
                <input
                  name={`bank${i}`}
                  value={a.bank}
                  aria-invalid={invalid(`bankAccounts.${i}.bank`)}
                  onChange={(e) => setAccount(i, { bank: e.target.value })}
                />
              </label>
              <label>
                {t('bic')}
                <input
                  name={`bic${i}`}
                  value={a.bic}
                  spellCheck={false}
                  aria-invalid={invalid(`bankAccounts.${i}.bic`)}
                  onChange={(e) => setAccount(i, { bic: e.target.value })}
                />
              </label>
              <p>
                <button type="button" onClick={() => set({ accounts: form.accounts.filter((_, j) => j !== i) })}>
                  {t('removeAccount')}
                </button>
              </p>
            </div>
          ))}
          {form.accounts.length < 3 && (
            <button
              type="button"
              onClick={() => set({ accounts: [...form.accounts, { iban: '', bank: '', bic: '' }] })}
            >
              {t('addAccount')}
            </button>
          )}
        </section>

        <section className="card" aria-labelledby="clinic-dpo">
          <h2 id="clinic-dpo">{t('dpo')}</h2>
          <p className="hint">{t('dpoHint')}</p>
          <div className="grid3">
            {text('dpoName', t('dpoName'), ['dataProtectionContact.name'])}
            {text('dpoEmail', t('email'), ['dataProtectionContact.email'], 'email')}
            {text('dpoPhone', t('phone'), ['dataProtectionContact.phone'], 'tel')}
          </div>
        </section>

        <div className="row">
          <button className="primary" type="submit">
            {t('shell:save')}
          </button>
          {saved && (
            <span className="ok" role="status">
              {t('saved')}
            </span>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
      </form>
    </section>
  );
}
