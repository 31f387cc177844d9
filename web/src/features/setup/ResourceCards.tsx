import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, api } from '../../shell/api';
import { AddForm } from './AddForm';
import type { CardProps } from './setup.types';

type ProfessionalKind = ApiBody<'POST /api/queue/professionals'>['kind'];
const professionalKinds: ProfessionalKind[] = ['dentist', 'doctor', 'hygienist', 'therapist', 'nurse', 'other'];

/** Who treats: the clinic's professionals, and adding one. */
export function ProfessionalsCard({ cat, reload }: CardProps) {
  const { t } = useTranslation('setup');
  const [pro, setPro] = useState({
    firstName: '',
    lastName: '',
    kind: 'dentist' as ProfessionalKind,
    registrationCode: '',
    specialities: '',
  });
  return (
    <div className="card">
      <h2>{t('professionals')}</h2>
      {cat.professionals.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table data-testid="setup-professionals">
          <tbody>
            {cat.professionals.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.firstName} {p.lastName}
                </td>
                <td>{t(`kinds.${p.kind}`)}</td>
                <td>{p.registrationCode ?? '—'}</td>
                <td>{p.specialities.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddForm
        label={t('professionals')}
        onSubmit={async () => {
          await api('POST /api/queue/professionals', {
            body: {
              firstName: pro.firstName,
              lastName: pro.lastName,
              kind: pro.kind,
              ...(pro.registrationCode ? { registrationCode: pro.registrationCode } : {}),
              specialities: pro.specialities
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            },
          });
          setPro({ firstName: '', lastName: '', kind: 'dentist', registrationCode: '', specialities: '' });
          await reload();
        }}
      >
        <label>
          {t('firstName')}
          <input
            name="proFirstName"
            value={pro.firstName}
            onChange={(e) => setPro({ ...pro, firstName: e.target.value })}
            required
          />
        </label>
        <label>
          {t('lastName')}
          <input
            name="proLastName"
            value={pro.lastName}
            onChange={(e) => setPro({ ...pro, lastName: e.target.value })}
            required
          />
        </label>
        <label>
          {t('kind')}
          <select
            name="proKind"
            value={pro.kind}
            onChange={(e) => setPro({ ...pro, kind: e.target.value as ProfessionalKind })}
          >
            {professionalKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('code')}
          <input
            name="proCode"
            value={pro.registrationCode}
            onChange={(e) => setPro({ ...pro, registrationCode: e.target.value })}
            placeholder="D01234"
          />
        </label>
        <label>
          {t('specialities')}
          <input
            name="proSpecialities"
            value={pro.specialities}
            onChange={(e) => setPro({ ...pro, specialities: e.target.value })}
          />
        </label>
      </AddForm>
    </div>
  );
}

/** What can be booked and for how long. */
export function ServicesCard({ cat, reload }: CardProps) {
  const { t } = useTranslation('setup');
  const [svc, setSvc] = useState({ name: '', durationMinutes: 30, publicBooking: true });
  return (
    <div className="card">
      <h2>{t('services')}</h2>
      {cat.services.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table data-testid="setup-services">
          <tbody>
            {cat.services.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{t('minutes', { n: s.durationMinutes })}</td>
                <td>{s.publicBooking ? t('publicBooking') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddForm
        label={t('services')}
        onSubmit={async () => {
          await api('POST /api/queue/services', { body: svc });
          setSvc({ name: '', durationMinutes: 30, publicBooking: true });
          await reload();
        }}
      >
        <label>
          {t('serviceName')}
          <input
            name="serviceName"
            value={svc.name}
            onChange={(e) => setSvc({ ...svc, name: e.target.value })}
            required
          />
        </label>
        <label>
          {t('duration')}
          <input
            name="serviceDuration"
            type="number"
            min={5}
            max={480}
            step={5}
            value={svc.durationMinutes}
            onChange={(e) => setSvc({ ...svc, durationMinutes: Number(e.target.value) })}
            required
          />
        </label>
        <label className="row" style={{ flexDirection: 'row' }}>
          <input
            type="checkbox"
            name="servicePublic"
            checked={svc.publicBooking}
            onChange={(e) => setSvc({ ...svc, publicBooking: e.target.checked })}
          />
          {t('publicBooking')}
        </label>
      </AddForm>
    </div>
  );
}
