/**
 * The rollout plan of the seed memo ที่ กท ๐๔๐๓/ว ๒๗๖ (22 Dec 2566): four phases, each switching more of the
 * correspondence onto the electronic system, with what stays on paper while a phase is in force.
 */
import type { Capability, Category, DocumentKind, Secrecy } from '../enums';

/** What stays on paper while a phase is a unit's phase. */
export type PhaseExclusions = { secrecies: Secrecy[]; categories: Category[]; kinds?: DocumentKind[] };

/** One phase: its first day (Bangkok, 'YYYY-MM-DD'), what it switches on, and what it leaves on paper. */
export type RolloutPhase = {
  number: number;
  from: string;
  /** Capabilities electronic from this phase on (added to those of earlier phases). */
  capabilities: Capability[];
  /** Capabilities this phase switches on only for some categories (a later phase may switch them on for all). */
  limited?: Array<{ capability: Capability; categories: Category[] }>;
  exclusions: PhaseExclusions;
  th: string;
  en: string;
};

/**
 * The whole plan. `paperFollowUp`: from which phase a proposal to an executive goes electronically and the paper
 * follows, until which phase (exclusive; none = for good), and the categories that need no paper.
 */
export type RolloutPlan = {
  phases: RolloutPhase[];
  paperFollowUp: { fromPhase: number; untilPhase?: number; exemptCategories: Category[] };
  source: string;
};

// Phases 2 and 3: "ข้อมูลข่าวสารลับ … ความลับของทางราชการตามระเบียบ … การรักษาความปลอดภัยแห่งชาติ หนังสือราชการในกระบวนการ
// จัดซื้อจัดจ้างภาครัฐ". Phase 4 keeps only "ชั้นลับที่สุด" on paper.
const UNTIL_PHASE_4: PhaseExclusions = {
  secrecies: ['confidential', 'secret', 'top_secret'],
  categories: ['national_security', 'procurement'],
};

/** The plan of the seed memo: phase 1 until 31 Dec 2566, 2 from 1 Jan 2567, 3 from 1 Feb 2567, 4 from 1 Mar 2567. */
export function defaultRolloutPlan(): RolloutPlan {
  return {
    source: 'บันทึกข้อความ สำนักงานเลขานุการปลัดกรุงเทพมหานคร ที่ กท ๐๔๐๓/ว ๒๗๖ ลงวันที่ ๒๒ ธันวาคม ๒๕๖๖',
    phases: [
      {
        number: 1,
        // The memo's own date: phase 1 runs "ภายในวันที่ ๓๑ ธันวาคม ๒๕๖๖", and any earlier day counts as phase 1 too.
        from: '2023-12-22',
        capabilities: [],
        exclusions: UNTIL_PHASE_4,
        th: 'ระยะที่ ๑ วางแผนกระบวนการสารบรรณ เตรียมทรัพยากรและผู้ใช้งาน',
        en: 'Phase 1: plan the process, prepare resources and users; nothing electronic yet',
      },
      {
        number: 2,
        from: '2024-01-01',
        capabilities: ['receive', 'number', 'internal_memo', 'circulate'],
        exclusions: UNTIL_PHASE_4,
        th: 'ระยะที่ ๒ รับหนังสือ ออกเลขหนังสือ บันทึกข้อความภายในหน่วยงานเดียวกัน และเวียนหนังสือ',
        en: 'Phase 2: receiving, numbering, internal memos within the unit, circulating',
      },
      {
        number: 3,
        from: '2024-02-01',
        capabilities: ['create', 'propose', 'sign', 'send', 'annotate', 'inter_unit', 'e_circular'],
        // Invitations and reports go to the executives electronically and they may write on them in the system.
        limited: [{ capability: 'executive', categories: ['invitation', 'report'] }],
        exclusions: UNTIL_PHASE_4,
        th: 'ระยะที่ ๓ สร้าง เสนอ ลงนาม ส่ง และเขียนหนังสือ รับ-ส่งระหว่างหน่วยงาน และหนังสือเวียนอิเล็กทรอนิกส์',
        en: 'Phase 3: create, propose, sign, send, write minutes, between units, electronic circulars',
      },
      {
        number: 4,
        from: '2024-03-01',
        capabilities: ['executive', 'external_letter', 'stamped_letter', 'central_email'],
        exclusions: { secrecies: ['top_secret'], categories: [] },
        th: 'ระยะที่ ๔ ผู้บริหารกรุงเทพมหานคร หนังสือภายนอกและหนังสือประทับตราถึงส่วนราชการภายนอก และอีเมลกลาง',
        en: 'Phase 4: the executives, external and stamped letters outside the BMA, the central e-mail',
      },
    ],
    // The memo sets the follow-up in phase 3 and never lifts it; set untilPhase to end it.
    paperFollowUp: { fromPhase: 3, exemptCategories: ['invitation', 'report'] },
  };
}
