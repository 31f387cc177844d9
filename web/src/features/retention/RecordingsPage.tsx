import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { OversightNav, Scroll, useErrorText, when } from './common';

type Camera = ApiResponse<'GET /api/recordings/cameras'>['items'][number];
type Recording = ApiResponse<'GET /api/recordings'>['items'][number];

/**
 * Cameras (area, signposted, sound, rooms without a camera) and the recordings Hoidja knows of,
 * with the files it could not delete yet; opening or handing over a recording needs a reason and
 * is logged as an access or a disclosure. Hoidja never shows the video itself.
 */
export function RecordingsPage() {
  const { t, i18n } = useTranslation('retention');
  const errorText = useErrorText();
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [recordings, setRecordings] = useState<Recording[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [cam, setCam] = useState({ name: '', area: '', signposted: true, sound: false, hasCamera: true });
  const load = useCallback(async () => {
    try {
      const [c, r] = await Promise.all([api('GET /api/recordings/cameras'), api('GET /api/recordings')]);
      setCameras(c.items);
      setRecordings(r.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const addCamera = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST /api/recordings/cameras', { body: cam });
      setCam({ name: '', area: '', signposted: true, sound: false, hasCamera: true });
      setMessage(t('rec.cameraAdded'));
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const open = async (r: Recording) => {
    const reason = window.prompt(t('rec.viewReason'));
    if (!reason) return;
    try {
      const v = await api('POST /api/recordings/{id}/view', { path: { id: r.id }, body: { reason } });
      setMessage(v.fileExists ? t('rec.viewLogged', { location: r.location }) : t('rec.fileMissing'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const handOver = async (r: Recording) => {
    const recipient = window.prompt(t('rec.recipient'));
    if (!recipient) return;
    const reason = window.prompt(t('rec.handOverReason'));
    if (!reason) return;
    const legalBasis = window.prompt(t('rec.legalBasis'));
    if (!legalBasis) return;
    try {
      await api('POST /api/recordings/{id}/hand-over', { path: { id: r.id }, body: { recipient, reason, legalBasis } });
      setMessage(t('rec.handedOver'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const hold = async (r: Recording) => {
    const reason = window.prompt(t('rec.holdReason'));
    if (!reason) return;
    const owner = window.prompt(t('rec.holdOwner'));
    if (!owner) return;
    try {
      await api('POST /api/retention/holds', { body: { kind: 'incident', reason, owner, recordingId: r.id } });
      setMessage(t('rec.heldNow'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const cameraName = (id: string) => cameras.find((c) => c.id === id)?.name ?? '—';
  const check = (key: 'signposted' | 'sound' | 'hasCamera') => (
    <label className="row" style={{ flexDirection: 'row', margin: 0 }}>
      <input
        type="checkbox"
        name={key}
        checked={cam[key]}
        onChange={(e) => setCam({ ...cam, [key]: e.target.checked })}
      />
      {t(`rec.${key}`)}
    </label>
  );

  return (
    <section>
      <OversightNav />
      <h1>{t('rec.title')}</h1>
      <p className="hint">{t('rec.intro')}</p>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="card">
        <h2>{t('rec.cameras')}</h2>
        {cameras.length === 0 ? (
          <p className="muted">{t('rec.noCameras')}</p>
        ) : (
          <Scroll>
            <table data-testid="cameras">
              <thead>
                <tr>
                  <th>{t('rec.name')}</th>
                  <th>{t('rec.area')}</th>
                  <th>{t('rec.facts')}</th>
                </tr>
              </thead>
              <tbody>
                {cameras.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.area}</td>
                    <td>
                      {!c.hasCamera ? (
                        <span className="badge">{t('rec.noCameraRoom')}</span>
                      ) : (
                        <>
                          <span className="badge">{t(c.signposted ? 'rec.signposted' : 'rec.notSignposted')}</span>{' '}
                          <span className={c.sound ? 'badge flag' : 'badge'}>
                            {t(c.sound ? 'rec.sound' : 'rec.noSound')}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
        <form onSubmit={addCamera}>
          <h3>{t('rec.addCamera')}</h3>
          <div className="grid2">
            <label>
              {t('rec.name')}
              <input
                name="cameraName"
                value={cam.name}
                onChange={(e) => setCam({ ...cam, name: e.target.value })}
                required
              />
            </label>
            <label>
              {t('rec.area')}
              <input
                name="cameraArea"
                value={cam.area}
                onChange={(e) => setCam({ ...cam, area: e.target.value })}
                required
              />
            </label>
          </div>
          <div className="row">
            {check('hasCamera')}
            {check('signposted')}
            {check('sound')}
          </div>
          <button type="submit" style={{ marginTop: '0.6rem' }}>
            {t('rec.addCamera')}
          </button>
        </form>
      </div>
      <div className="card">
        <h2>{t('rec.recordings')}</h2>
        <p className="hint">{t('rec.deletion')}</p>
        {recordings.length === 0 ? (
          <p className="muted">{t('rec.noRecordings')}</p>
        ) : (
          <Scroll>
            <table data-testid="recordings">
              <thead>
                <tr>
                  <th>{t('rec.camera')}</th>
                  <th>{t('rec.time')}</th>
                  <th>{t('rec.file')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {recordings.map((r) => (
                  <tr key={r.id}>
                    <td>{cameraName(r.cameraId)}</td>
                    <td>
                      {when(r.startedAt, i18n.language)} – {when(r.endedAt, i18n.language)}
                    </td>
                    <td>
                      <code>{r.location}</code>
                      {r.lastDeleteError && (
                        <div className="error">
                          {t('rec.deleteFailed', { count: r.deleteAttempts, error: r.lastDeleteError })}
                        </div>
                      )}
                    </td>
                    <td className="row">
                      <button type="button" className="link" onClick={() => open(r)}>
                        {t('rec.view')}
                      </button>
                      <button type="button" className="link" onClick={() => handOver(r)}>
                        {t('rec.handOver')}
                      </button>
                      <button type="button" className="link" onClick={() => hold(r)}>
                        {t('rec.hold')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </div>
    </section>
  );
}
