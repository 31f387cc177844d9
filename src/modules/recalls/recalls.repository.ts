import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { campaignMessages, campaigns, recallIntervals, recallInvitations } from './recalls.schema';

export type RecallInvitationRow = typeof recallInvitations.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignMessageRow = typeof campaignMessages.$inferSelect;

/** The only SQL of recall and newsletters. Every query is scoped by clinic_id first. */
export function createRecallsRepository() {
  return {
    intervals: (db: DbOrTx, clinicId: string) =>
      db.select().from(recallIntervals).where(eq(recallIntervals.clinicId, clinicId)),

    async setInterval(db: DbOrTx, row: typeof recallIntervals.$inferInsert) {
      await db
        .insert(recallIntervals)
        .values(row)
        .onConflictDoUpdate({
          target: [recallIntervals.clinicId, recallIntervals.serviceId],
          set: { months: row.months, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
        });
    },

    /** Every invitation of the clinic, newest first (the list shows the latest per patient and service). */
    invitations: (db: DbOrTx, clinicId: string) =>
      db
        .select()
        .from(recallInvitations)
        .where(eq(recallInvitations.clinicId, clinicId))
        .orderBy(desc(recallInvitations.createdAt)),

    invitation: async (db: DbOrTx, clinicId: string, id: string): Promise<RecallInvitationRow | undefined> =>
      (
        await db
          .select()
          .from(recallInvitations)
          .where(and(eq(recallInvitations.clinicId, clinicId), eq(recallInvitations.id, id)))
      )[0],

    async insertInvitation(db: DbOrTx, row: RecallInvitationRow) {
      await db.insert(recallInvitations).values(row);
    },

    async finishInvitation(
      db: DbOrTx,
      clinicId: string,
      id: string,
      set: Pick<RecallInvitationRow, 'status' | 'reason' | 'consentEventId' | 'sentAt'>,
    ) {
      await db
        .update(recallInvitations)
        .set(set)
        .where(and(eq(recallInvitations.clinicId, clinicId), eq(recallInvitations.id, id)));
    },

    async insertCampaign(db: DbOrTx, row: CampaignRow) {
      await db.insert(campaigns).values(row);
    },

    campaign: async (db: DbOrTx, clinicId: string, id: string): Promise<CampaignRow | undefined> =>
      (
        await db
          .select()
          .from(campaigns)
          .where(and(eq(campaigns.clinicId, clinicId), eq(campaigns.id, id)))
      )[0],

    /** Campaigns, newest first, with how many got each and how many were skipped. */
    campaigns: (db: DbOrTx, clinicId: string) =>
      db
        .select({
          id: campaigns.id,
          purposeKey: campaigns.purposeKey,
          channel: campaigns.channel,
          subject: campaigns.subject,
          createdAt: campaigns.createdAt,
          sent: sql<number>`count(${campaignMessages.patientId}) filter (where ${campaignMessages.status} = 'sent')`.mapWith(
            Number,
          ),
          skipped:
            sql<number>`count(${campaignMessages.patientId}) filter (where ${campaignMessages.status} = 'skipped')`.mapWith(
              Number,
            ),
        })
        .from(campaigns)
        .leftJoin(
          campaignMessages,
          and(eq(campaignMessages.clinicId, campaigns.clinicId), eq(campaignMessages.campaignId, campaigns.id)),
        )
        .where(eq(campaigns.clinicId, clinicId))
        .groupBy(campaigns.clinicId, campaigns.id)
        .orderBy(desc(campaigns.createdAt))
        .limit(200),

    messages: (db: DbOrTx, clinicId: string, campaignId: string) =>
      db
        .select()
        .from(campaignMessages)
        .where(and(eq(campaignMessages.clinicId, clinicId), eq(campaignMessages.campaignId, campaignId)))
        .orderBy(campaignMessages.at),

    /** Records who got a message or was skipped; once per person and campaign (a retried job writes nothing new). */
    async recordMessage(db: DbOrTx, row: CampaignMessageRow): Promise<boolean> {
      const r = await db
        .insert(campaignMessages)
        .values(row)
        .onConflictDoNothing()
        .returning({ id: campaignMessages.patientId });
      return r.length > 0;
    },
  };
}
