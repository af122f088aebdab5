import type { ScanResult } from '../types.js';
import { sdkShortName } from './messages.js';
import { type CollectedType, collectedTypes, type StorePurpose } from './store-disclosures.js';

/**
 * Play Console's Data safety form, as the CSV that "Export to CSV" produces and "Import from CSV"
 * reads: machine-readable question and response ids, a value, the answer requirement and a label
 * that the import ignores. The ids are Play Console's; the data types follow its export order.
 */
const DATA_TYPES: readonly [question: string, response: string, label: string][] = [
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_NAME', 'Name'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_EMAIL', 'Email address'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_USER_ACCOUNT', 'User IDs'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_ADDRESS', 'Address'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_PHONE', 'Phone number'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_RACE_ETHNICITY', 'Race and ethnicity'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_POLITICAL_RELIGIOUS', 'Political or religious beliefs'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_SEXUAL_ORIENTATION_GENDER_IDENTITY', 'Sexual orientation'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_OTHER_PERSONAL', 'Other info'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_CREDIT_DEBIT_BANK_ACCOUNT_NUMBER', 'User payment info'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_PURCHASE_HISTORY', 'Purchase history'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_CREDIT_SCORE', 'Credit score'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_OTHER', 'Other financial info'],
  ['PSL_DATA_TYPES_LOCATION', 'PSL_APPROX_LOCATION', 'Approximate location'],
  ['PSL_DATA_TYPES_LOCATION', 'PSL_PRECISE_LOCATION', 'Precise location'],
  ['PSL_DATA_TYPES_SEARCH_AND_BROWSING', 'PSL_WEB_BROWSING_HISTORY', 'Web browsing history'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_EMAILS', 'Emails'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_SMS_CALL_LOG', 'SMS or MMS'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_OTHER_MESSAGES', 'Other in-app messages'],
  ['PSL_DATA_TYPES_PHOTOS_AND_VIDEOS', 'PSL_PHOTOS', 'Photos'],
  ['PSL_DATA_TYPES_PHOTOS_AND_VIDEOS', 'PSL_VIDEOS', 'Videos'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_AUDIO', 'Voice or sound recordings'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_MUSIC', 'Music files'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_OTHER_AUDIO', 'Other audio files'],
  ['PSL_DATA_TYPES_HEALTH_AND_FITNESS', 'PSL_HEALTH', 'Health info'],
  ['PSL_DATA_TYPES_HEALTH_AND_FITNESS', 'PSL_FITNESS', 'Fitness info'],
  ['PSL_DATA_TYPES_CONTACTS', 'PSL_CONTACTS', 'Contacts'],
  ['PSL_DATA_TYPES_CALENDAR', 'PSL_CALENDAR', 'Calendar events'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_CRASH_LOGS', 'Crash logs'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_PERFORMANCE_DIAGNOSTICS', 'Diagnostics'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_OTHER_PERFORMANCE', 'Other app performance data'],
  ['PSL_DATA_TYPES_FILES_AND_DOCS', 'PSL_FILES_AND_DOCS', 'Files and docs'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_USER_INTERACTION', 'App interactions'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_IN_APP_SEARCH_HISTORY', 'In-app search history'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_APPS_ON_DEVICE', 'Installed apps'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_USER_GENERATED_CONTENT', 'Other user-generated content'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_OTHER_APP_ACTIVITY', 'Other actions'],
  ['PSL_DATA_TYPES_IDENTIFIERS', 'PSL_DEVICE_ID', 'Device or other IDs'],
];

const PURPOSES: readonly [response: string, label: string][] = [
  ['PSL_APP_FUNCTIONALITY', 'App functionality'],
  ['PSL_ANALYTICS', 'Analytics'],
  ['PSL_DEVELOPER_COMMUNICATIONS', 'Developer communications'],
  ['PSL_FRAUD_PREVENTION_SECURITY', 'Fraud prevention, security, and compliance'],
  ['PSL_ADVERTISING', 'Advertising or marketing'],
  ['PSL_PERSONALIZATION', 'Personalization'],
  ['PSL_ACCOUNT_MANAGEMENT', 'Account management'],
];

const PLAY_PURPOSES: Record<StorePurpose, string> = {
  'app-functionality': 'PSL_APP_FUNCTIONALITY',
  analytics: 'PSL_ANALYTICS',
  advertising: 'PSL_ADVERTISING',
};

const HEADER = ['Question ID (machine readable)', 'Response ID (machine readable)', 'Response value', 'Answer requirement', 'Human-friendly question label'];

/**
 * The Data safety answers the scan implies. What a scan cannot know is left blank for the
 * developer to answer (encryption in transit, deletion requests, ephemeral processing, whether
 * users can opt out); data an SDK receives is marked shared, which the developer should undo for a
 * service provider that processes it only on the app's behalf (Play does not count that as sharing).
 */
export function playDataSafety(result: ScanResult): string {
  const collected = new Map(collectedTypes(result.findings, 'play').map((t) => [t.type, t]));
  const rows: string[][] = [
    HEADER,
    ['PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', '', String(collected.size > 0), 'REQUIRED', 'Does your app collect or share any of the required user data types?'],
    ['PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT', '', '', 'MAYBE_REQUIRED', 'Is all of the user data collected by your app encrypted in transit? (not known from code: answer it)'],
    ['PSL_DATA_COLLECTION_USER_REQUEST_DELETE', '', '', 'MAYBE_REQUIRED', 'Do you provide a way for users to request that their data is deleted? (not known from code: answer it)'],
  ];
  for (const [question, response, label] of DATA_TYPES) {
    const type = collected.get(label);
    rows.push([question, response, type ? 'true' : '', 'MULTIPLE_CHOICE', type ? `${label} (privacy-lint: ${because(type)})` : label]);
  }
  for (const [, response, label] of DATA_TYPES) {
    const type = collected.get(label);
    if (type) rows.push(...usageRows(response, label, type));
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function usageRows(response: string, label: string, type: CollectedType): string[][] {
  const base = `PSL_DATA_USAGE_RESPONSES:${response}`;
  const shared = type.collectors.some((c) => c !== null);
  const purposes = new Set(type.purposes.map((p) => PLAY_PURPOSES[p]));
  // Only what SDKs receive is shared, so only their purposes are sharing purposes.
  const sharingPurposes = new Set(type.purposes.filter((p) => p !== 'app-functionality').map((p) => PLAY_PURPOSES[p]));
  return [
    [`${base}:PSL_DATA_USAGE_COLLECTION_AND_SHARING`, 'PSL_DATA_USAGE_ONLY_COLLECTED', 'true', 'MULTIPLE_CHOICE', `${label} / Collected`],
    [`${base}:PSL_DATA_USAGE_COLLECTION_AND_SHARING`, 'PSL_DATA_USAGE_ONLY_SHARED', shared ? 'true' : '', 'MULTIPLE_CHOICE', `${label} / Shared${shared ? ' (received by an SDK: review whether it is a service provider)' : ''}`],
    [`${base}:PSL_DATA_USAGE_EPHEMERAL`, '', '', 'MAYBE_REQUIRED', `${label} / Processed ephemerally? (not known from code: answer it)`],
    [`${base}:DATA_USAGE_USER_CONTROL`, 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL', '', 'SINGLE_CHOICE', `${label} / Users can choose whether this data is collected (not known from code: answer it)`],
    [`${base}:DATA_USAGE_USER_CONTROL`, 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED', '', 'SINGLE_CHOICE', `${label} / Data collection is required`],
    ...PURPOSES.map(([id, purpose]) => [`${base}:DATA_USAGE_COLLECTION_PURPOSE`, id, purposes.has(id) ? 'true' : '', 'MULTIPLE_CHOICE', `${label} collected for / ${purpose}`]),
    ...PURPOSES.map(([id, purpose]) => [`${base}:DATA_USAGE_SHARING_PURPOSE`, id, shared && sharingPurposes.has(id) ? 'true' : '', 'MULTIPLE_CHOICE', `${label} shared for / ${purpose}`]),
  ];
}

/** Which categories and collectors led to a data type, and where. */
function because(type: CollectedType): string {
  const who = type.collectors.map((c) => (c === null ? 'the app' : sdkShortName(c))).join(', ');
  const places = [...new Set(type.evidence.map((f) => `${f.file}:${f.line}`))];
  const where = places.length > 3 ? `${places.slice(0, 3).join(', ')} (+${places.length - 3} more)` : places.join(', ');
  return `${type.categories.join(', ')} collected by ${who}; at ${where}`;
}

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
