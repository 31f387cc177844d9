import { randomUUID } from 'node:crypto';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import {
  type CameraInput,
  cameraInput,
  handOverInput,
  type RecordingInput,
  recordingInput,
  viewInput,
} from './recordings.input';
import { createRecordingsRepository } from './recordings.repository';
import type { RecordingStore } from './recordings.store';

/**
 * Cameras and recordings. Hoidja keeps the list, not the video: the recorder writes files, the
 * list says which camera and when; retention deletes them after the clinic's period. Every
 * viewing is recorded as an access and every hand-over as a disclosure, with the reason.
 */
export interface RecordingsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  store: RecordingStore;
}

export function createRecordingsService(deps: RecordingsDeps) {
  const { db, clock, audit } = deps;
  const repo = createRecordingsRepository();
  const manage = (ctx: AccessContext) => {
    if (!hasRole(ctx, 'admin', 'dpo'))
      throw new ForbiddenError('cameras and recordings are for the administrator or DPO');
  };

  async function addCamera(ctx: AccessContext, input: CameraInput) {
    manage(ctx);
    const c = parseInput(cameraInput, input);
    const id = randomUUID();
    return audit.transaction(db, ctx, async (tx) => {
      await repo.insertCamera(tx, { clinicId: ctx.clinicId, id, ...c, createdAt: clock.now() });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'recording.camera_add',
          entityType: 'camera',
          entityId: id,
          purpose: 'security',
          details: { area: c.area, sound: c.sound },
        }),
      ]);
      return (await repo.camera(tx, ctx.clinicId, id))!;
    });
  }

  async function listCameras(ctx: AccessContext) {
    manage(ctx);
    return repo.cameras(db, ctx.clinicId);
  }

  /** The recorder (or an administrator) lists a file; no viewing. */
  async function addRecording(ctx: AccessContext, input: RecordingInput) {
    manage(ctx);
    const r = parseInput(recordingInput, input);
    const id = randomUUID();
    return audit.transaction(db, ctx, async (tx) => {
      const cam = await repo.camera(tx, ctx.clinicId, r.cameraId);
      if (!cam?.hasCamera) throw new ValidationError('cameraId', 'no such camera');
      await repo.insertRecording(tx, {
        clinicId: ctx.clinicId,
        id,
        cameraId: r.cameraId,
        startedAt: new Date(r.startedAt),
        endedAt: new Date(r.endedAt),
        location: r.location,
        createdAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({ action: 'recording.add', entityType: 'recording', entityId: id, purpose: 'security' }),
      ]);
      return (await repo.recording(tx, ctx.clinicId, id))!;
    });
  }

  async function listRecordings(ctx: AccessContext) {
    manage(ctx);
    return repo.recordings(db, ctx.clinicId);
  }

  /** Opening a recording: recorded as an access with the reason. */
  async function view(ctx: AccessContext, id: string, input: { reason: string }) {
    manage(ctx);
    const v = parseInput(viewInput, input);
    return audit.transaction(db, ctx, async (tx) => {
      const r = await repo.recording(tx, ctx.clinicId, id);
      if (!r) throw new NotFoundError('no such recording');
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'recording.view',
          entityType: 'recording',
          entityId: id,
          purpose: 'security',
          reason: v.reason,
        }),
      ]);
      return { recording: r, fileExists: await deps.store.exists(r.location) };
    });
  }

  /** A copy handed to someone (police, insurer): a disclosure with recipient, basis and reason. */
  async function handOver(
    ctx: AccessContext,
    id: string,
    input: { recipient: string; reason: string; legalBasis: string },
  ) {
    manage(ctx);
    const h = parseInput(handOverInput, input);
    return audit.transaction(db, ctx, async (tx) => {
      const r = await repo.recording(tx, ctx.clinicId, id);
      if (!r) throw new NotFoundError('no such recording');
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'disclosure',
          entityType: 'recording',
          entityId: id,
          purpose: 'security',
          reason: h.reason,
          details: { recipient: h.recipient, legalBasis: h.legalBasis, fields: ['video'] },
        }),
      ]);
      return { recording: r, fileExists: await deps.store.exists(r.location) };
    });
  }

  return { addCamera, listCameras, addRecording, listRecordings, view, handOver };
}

export type RecordingsService = ReturnType<typeof createRecordingsService>;
