import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createOutgoingActivities } from '../../activities/outgoing';
import { seededUserId } from '../../db/seed';

/**
 * A document of staff.ladkrabang made on paper and registered at once in the public dispatch register, as the paper
 * life's own activity records it (createOutgoingDraft with `numberFrom`). Today every unit is in phase 4, where only
 * ลับที่สุด is still made on paper, and that goes to the secret register, which the registers endpoint does not
 * serve: this is the record a procurement letter of phase 3 got, for the registers' side of a cancel. Its life has
 * ended long ago (no workflow is kept for it).
 */
export async function paperRegisteredDocument(ds: DataSource, subject: string) {
  const documentId = randomUUID();
  const created = await createOutgoingActivities({ ds }).createOutgoingDraft({
    documentId,
    workflowId: `out-${documentId}`,
    unitId: 'district-1011',
    author: {
      userId: seededUserId('staff.ladkrabang'),
      displayName: 'staff.ladkrabang',
      roles: ['staff'],
      unitId: 'district-1011',
    },
    authorPositionId: 'district-1011-admin-staff',
    draft: {
      kind: 'memo',
      subject,
      urgency: 'normal',
      secrecy: 'none',
      category: 'procurement',
      recipients: [{ type: 'unit', unitId: 'district-1001', name: 'สำนักงานเขตพระนคร' }],
    },
    medium: 'paper',
    paperReason: 'หนังสือในกระบวนการจัดซื้อจัดจ้างภาครัฐดำเนินการด้วยกระดาษในระยะที่ ๓',
    paperReasonCode: 'procurement',
    numberFrom: 'dispatch',
  });
  return { id: documentId, number: created.number! };
}
