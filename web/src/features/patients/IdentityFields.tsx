import { useTranslation } from 'react-i18next';
import { checkIdCode } from '../../../../src/rules/id-codes';
import type { ApiBody } from '../../shell/api';

/** A person's identity as the API takes it (patients and representatives alike). */
export type IdentityBody = ApiBody<'POST /api/patients'>['identity'];
type DocumentType = Extract<IdentityBody, { kind: 'document' }>['documentType'];

export interface IdentityState {
  kind: 'national' | 'document';
  country: 'EE' | 'LV';
  code: string;
  birthDate: string;
  documentType: DocumentType;
  documentNumber: string;
  documentCountry: string;
}

export const emptyIdentity: IdentityState = {
  kind: 'national',
  country: 'EE',
  code: '',
  birthDate: '',
  documentType: 'passport',
  documentNumber: '',
  documentCountry: '',
};

export function identityBody(s: IdentityState): IdentityBody {
  if (s.kind === 'document')
    return {
      kind: 'document',
      documentType: s.documentType,
      documentNumber: s.documentNumber,
      documentCountry: s.documentCountry.toUpperCase(),
      birthDate: s.birthDate,
    };
  return { kind: 'national', country: s.country, code: s.code, ...(s.birthDate ? { birthDate: s.birthDate } : {}) };
}

/** ID-code fields with live validation by the same rules the server applies. */
export function IdentityFields({
  value,
  onChange,
  prefix = '',
}: {
  value: IdentityState;
  onChange: (v: IdentityState) => void;
  prefix?: string;
}) {
  const { t } = useTranslation('patients');
  const set = (patch: Partial<IdentityState>) => onChange({ ...value, ...patch });
  const check =
    value.kind === 'national' && value.code.replace(/\s/g, '').length >= 6
      ? checkIdCode(value.code, value.country, new Date().toISOString().slice(0, 10)) // the device's date
      : null;
  const reasonText = (r: string) =>
    r.startsWith('unknown century') ? t('unknownCentury') : t(`reasons.${r}`, { defaultValue: r });
  const needsBirthDate = value.kind === 'document' || (check?.valid && !check.birthDate);
  return (
    <div>
      <label>
        {t('form.identityKind')}
        <select
          name={`${prefix}identityKind`}
          value={value.kind}
          onChange={(e) => set({ kind: e.target.value as IdentityState['kind'] })}
        >
          <option value="national">{t('form.national')}</option>
          <option value="document">{t('form.document')}</option>
        </select>
      </label>
      {value.kind === 'national' ? (
        <div className="grid3">
          <label>
            {t('form.country')}
            <select
              name={`${prefix}country`}
              value={value.country}
              onChange={(e) => set({ country: e.target.value as 'EE' | 'LV' })}
            >
              <option value="EE">Eesti / Estonia</option>
              <option value="LV">Latvija / Latvia</option>
            </select>
          </label>
          <label>
            {t('form.code')}
            <input
              name={`${prefix}code`}
              value={value.code}
              onChange={(e) => set({ code: e.target.value })}
              inputMode="numeric"
              aria-invalid={check ? !check.valid : undefined}
              autoComplete="off"
              required
            />
          </label>
          <div aria-live="polite" style={{ alignSelf: 'center' }} data-testid={`${prefix}id-feedback`}>
            {check && !check.valid && <span className="error">{reasonText(check.reason)}</span>}
            {check?.valid && check.birthDate && (
              <span className="ok">
                ✓ {t('form.derived', { birthDate: check.birthDate, sex: check.sex ? t(`form.${check.sex}`) : '—' })}
              </span>
            )}
            {check?.valid && !check.birthDate && <span className="warn">{t('form.newLatvian')}</span>}
          </div>
        </div>
      ) : (
        <div className="grid3">
          <label>
            {t('form.documentType')}
            <select
              name={`${prefix}documentType`}
              value={value.documentType}
              onChange={(e) => set({ documentType: e.target.value as DocumentType })}
            >
              {['passport', 'id_card', 'residence_permit', 'other'].map((d) => (
                <option key={d} value={d}>
                  {t(`form.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('form.documentNumber')}
            <input
              name={`${prefix}documentNumber`}
              value={value.documentNumber}
              onChange={(e) => set({ documentNumber: e.target.value })}
              required
            />
          </label>
          <label>
            {t('form.documentCountry')}
            <input
              name={`${prefix}documentCountry`}
              value={value.documentCountry}
              onChange={(e) => set({ documentCountry: e.target.value })}
              maxLength={2}
              required
            />
          </label>
        </div>
      )}
      {needsBirthDate && (
        <label>
          {t('form.birthDate')}
          <input
            name={`${prefix}birthDate`}
            type="date"
            value={value.birthDate}
            onChange={(e) => set({ birthDate: e.target.value })}
            required
          />
        </label>
      )}
    </div>
  );
}
