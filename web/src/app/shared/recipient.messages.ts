import { defineMessages } from '../core/i18n';

/** The recipient picker's words. */
export const RECIPIENT_MESSAGES = defineMessages(
  {
    'recipients.search': 'ค้นหาหน่วยงาน (ชื่อหรือรหัส)',
    'recipients.add': 'เพิ่ม',
    'recipients.added': 'เลือกแล้ว',
    'recipients.none': 'ยังไม่ได้เลือกผู้รับ',
    'recipients.more': 'พิมพ์เพื่อค้นหาหน่วยงานอื่น',
    'recipients.outside': 'หน่วยงานภายนอก (ส่งทางไปรษณีย์อิเล็กทรอนิกส์)',
    'recipients.outsideName': 'ชื่อหน่วยงาน',
    'recipients.outsideEmail': 'อีเมล',
    'recipients.addOutside': 'เพิ่มผู้รับภายนอก',
    'recipients.badEmail': 'อีเมลไม่ถูกต้อง',
    'recipients.groups': 'ส่งถึงกลุ่ม',
    'recipients.removeAll': 'ล้างผู้รับทั้งหมด',
    'recipients.units': 'หน่วยงาน',
    'recipients.count': 'ราย',
  },
  {
    'recipients.search': 'Search units (name or code)',
    'recipients.add': 'Add',
    'recipients.added': 'Chosen',
    'recipients.none': 'No recipients yet',
    'recipients.more': 'Type to find other units',
    'recipients.outside': 'Outside bodies (by e-mail)',
    'recipients.outsideName': 'Name',
    'recipients.outsideEmail': 'E-mail',
    'recipients.addOutside': 'Add outside recipient',
    'recipients.badEmail': 'Not a valid e-mail address',
    'recipients.groups': 'Send to a group',
    'recipients.removeAll': 'Clear all recipients',
    'recipients.units': 'units',
    'recipients.count': '',
  },
);
