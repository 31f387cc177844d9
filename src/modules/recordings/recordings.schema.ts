import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The clinic's cameras (GDPR transparency for video surveillance): where each one looks, whether
 * it is signposted, whether it records sound. Rooms without cameras are listed as such, so the
 * notice can say where people are not filmed.
 */
export const cameras = pgTable(
  'cameras',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    area: text('area').notNull(),
    signposted: boolean('signposted').notNull(),
    sound: boolean('sound').notNull(),
    /** false: a room listed as having no camera (e.g. treatment rooms, toilets). */
    hasCamera: boolean('has_camera').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const camerasColumns = classify(cameras, {
  clinicId: null,
  id: null,
  name: null,
  area: null,
  signposted: null,
  sound: null,
  hasCamera: null,
  createdAt: null,
});

/**
 * Recordings as files Hoidja does not store: where each file lies, of which camera, from when to
 * when. Retention deletes the file through the store adapter, then the row; a file that cannot be
 * deleted stays listed with the error and is tried again by the next run.
 */
export const recordings = pgTable(
  'recordings',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    cameraId: uuid('camera_id').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    /** Location of the file for the store adapter (a path under the recordings directory by default). */
    location: text('location').notNull(),
    deleteAttempts: integer('delete_attempts').notNull().default(0),
    lastDeleteError: text('last_delete_error'),
    lastDeleteAttemptAt: ts('last_delete_attempt_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('recordings_ended_idx').on(t.clinicId, t.endedAt)],
);

export const recordingsColumns = classify(recordings, {
  clinicId: null,
  id: null,
  cameraId: null,
  startedAt: 'recording',
  endedAt: 'recording',
  location: 'recording',
  deleteAttempts: null,
  lastDeleteError: null,
  lastDeleteAttemptAt: null,
  createdAt: null,
});
