/**
 * Negation scope: which parts of a sentence say that data is NOT collected.
 *
 * A statement is negated when a negation governs a verb of collection ("we do not collect",
 * "is never accessed", "we collect no", "我们不会收集"). Three things look like negations and are
 * not, and each would turn a disclosure into a promise:
 * - a condition on consent: "we will not collect your location without your permission" says the
 *   app collects it once permitted, so it discloses collection;
 * - a negated other verb: "we do not sell your IP address" presumes the app has it;
 * - a purpose limit: "we do not use your location for advertising" presumes the app uses it.
 * The scope ends at a clause boundary ("; ", ", but", "except", "但"), so "we do not collect your
 * name, but we do collect your IP address" negates only the name.
 */

/** A span of a sentence and whether it is a negated statement of collection. */
export interface Clause {
  start: number;
  end: number;
  negated: boolean;
}

const CONDITIONS = [
  /\bwithout\s+(?:first\s+)?(?:obtaining\s+|getting\s+|receiving\s+|asking\s+for\s+|seeking\s+)?(?:your|the\s+user'?s|users'|their|a\s+user'?s|prior|explicit|express|affirmative|specific|separate|opt-in)\s*(?:\w+\s+){0,2}(?:consent|permission|authori[sz]ation|approval|agreement|opt-in|knowledge|notice)/i,
  /\bunless\s+(?:you|we\s+(?:have|obtain|get|receive|are)|required|otherwise|it\s+is|the\s+user|users)/i,
  /\b(?:except|other\s+than|only)\s+(?:with|where|when|if|after|upon|as\s+(?:described|permitted|required))\b/i,
  /\buntil\s+you\b/i,
  /\b(?:if|where|when|in\s+case)\s+you\s+(?:do\s+not|don't|never|decline|refuse|deny|disable|turn\s+off|switch\s+off|opt\s+out|withdraw|revoke|choose\s+not|have\s+not)/i,
  /未经(?:过)?(?:您|你|用户|本人)?(?:的)?(?:明示|明确|单独|书面|事先|事前)?(?:同意|授权|许可|允许)/,
  /除非|征得(?:您|你|用户)?的?(?:明示|明确|单独|书面)?(?:同意|授权)|(?:经|经过|获得|取得)(?:您|你|用户)的?(?:明示|明确|单独|书面)?(?:同意|授权|许可)|在(?:您|你|用户)(?:同意|授权|开启|允许)|(?:您|你|用户)(?:同意|授权|开启|允许)(?:后|之后|以后)/,
  /(?:如果|如|若|倘若|当|假如)(?:您|你|用户)?(?:不|未|没有|拒绝|关闭|撤回|不同意)/,
];

const EN_VERB =
  String.raw`(?:collect(?:s|ed|ing)?|gather(?:s|ed|ing)?|obtain(?:s|ed|ing)?|acquir(?:e|es|ed|ing)|access(?:es|ed|ing)?|record(?:s|ed|ing)?|log(?:s|ged|ging)?|track(?:s|ed|ing)?|monitor(?:s|ed|ing)?|us(?:e|es|ed|ing)|utili[sz](?:e|es|ed|ing)|process(?:es|ed|ing)?|read(?:s|ing)?|request(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+for|receiv(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|harvest(?:s|ed|ing)?|requir(?:e|es|ed|ing)|retriev(?:e|es|ed|ing)|upload(?:s|ed|ing)?|have\s+access|has\s+access|include[sd]?|set|place)`;
const USE_VERB = /^(?:us(?:e|es|ed|ing)|utili[sz](?:e|es|ed|ing)|process(?:es|ed|ing)?)$/i;

/** "not" within a few words before a verb of collection: "do not knowingly collect", "will never be accessed". */
const EN_NEGATED = new RegExp(
  String.raw`(?:\bnot|\bnever|\bno\s+longer|n't|\bcannot|\bneither|\bnor)\b(?!\s+(?:limited|only|necessarily)\b)((?:\s+[\w'-]+){0,3}?)\s+(${EN_VERB})\b`,
  'gi',
);
/** "no location data is collected", "we collect no personal data", "without accessing". */
const EN_NO_FORMS = new RegExp(
  String.raw`\bno\s+(?:[\w'-]+\s+){0,6}?(?:is|are|will\s+be|shall\s+be|gets?|has\s+been|have\s+been)\s+(?:ever\s+)?(?:collected|gathered|recorded|logged|tracked|accessed|obtained|used|processed|requested|captured|read)\b|\b(?:collect|gather|obtain|record|log|track|use|access|request)s?\s+(?:no|none\s+of|nothing)\b|\bwithout\s+(?:ever\s+)?(?:collecting|accessing|tracking|recording|using|requesting|reading|gathering|obtaining)\b`,
  'i',
);
/** A negation whose subject is the reader ("if you do not want us to collect..."): not a statement about the app. */
const EN_READER_SUBJECT = /\b(?:you|if|unless|whether|should)\b[\w\s'-]{0,14}$|\busers?\s+(?:do|does|did|can|may|should)\s+$/i;
/** "We do not respond to Do Not Track signals" is about the browser setting, not about tracking. */
const DO_NOT_TRACK = /^\s*(?:\(DNT\)\s*)?(?:signals?|requests?|settings?|headers?|preferences?|mechanisms?|browser|features?)\b/i;
/** Things a policy says it does not do that presume it has the data. */
const PURPOSE_AFTER = /\b(?:for|to)\s+(?!the\s+extent)\w/i;

const ZH_NEGATED =
  /(?:绝不会|绝不|决不|从不|从未|并不会|并不|不会|不再|无需|不需要|没有|未曾|无法|不得|未|不)(?:会|将|要|再|去|主动|直接|额外|单独|涉及|通过任何方式|以任何方式|以任何形式|在任何情况下|对|向您)*(收集|采集|获取|读取|访问|使用|记录|追踪|跟踪|调用|索取|搜集|获得|申请|上传|处理|要求|包含|包括)/g;
const ZH_USE_VERB = /^(?:使用|处理)$/;
const ZH_PURPOSE_AFTER = /用于|用来|用作|作为/;
const ZH_READER_SUBJECT = /(?:您|你|用户)(?:可以|可|有权|也可以)?(?:选择)?$/;

const CLAUSE_BREAK =
  /;|；|,?\s+but\s+|\s+however\b|,\s*(?:whereas|while|although|though|only)\s+|\s+(?:except(?:\s+for)?|other\s+than|apart\s+from|besides|excluding|save\s+for)\s+|,\s+(?:and|or)\s+(?=(?:we|our|the\s+app|third|they|it|this)\b)|，\s*(?=但|然而|不过|而|仅|只|我们|本应用|第三方|您|同时|并且|此外|另外|除)|但是|然而|(?<=外)，|(?<![删清解排去免移])除(?:了)?/giu;

function englishNegation(clause: string): boolean {
  if (EN_NO_FORMS.test(clause)) return true;
  for (const m of clause.matchAll(EN_NEGATED)) {
    if (EN_READER_SUBJECT.test(clause.slice(Math.max(0, m.index - 24), m.index))) continue;
    const after = clause.slice(m.index + m[0].length);
    if (/^track$/i.test(m[2]!) && DO_NOT_TRACK.test(after)) continue;
    if (USE_VERB.test(m[2]!) && PURPOSE_AFTER.test(after)) continue;
    return true;
  }
  return false;
}

function chineseNegation(clause: string): boolean {
  // "不得不" means "must": it affirms.
  const text = clause.replace(/不得不/g, '必须');
  for (const m of text.matchAll(ZH_NEGATED)) {
    if (ZH_READER_SUBJECT.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (ZH_USE_VERB.test(m[1]!) && ZH_PURPOSE_AFTER.test(text.slice(m.index + m[0].length))) continue;
    return true;
  }
  return false;
}

/** True when the whole sentence is conditional on the user's consent or choice. */
export function isConsentConditional(sentence: string): boolean {
  return CONDITIONS.some((c) => c.test(sentence));
}

/** The sentence's clauses, each marked negated or not. */
export function clausesOf(sentence: string): Clause[] {
  const conditional = isConsentConditional(sentence);
  const clauses: Clause[] = [];
  let start = 0;
  const push = (end: number): void => {
    if (end <= start) return;
    const text = sentence.slice(start, end);
    clauses.push({ start, end, negated: !conditional && (englishNegation(text) || chineseNegation(text)) });
  };
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(sentence.length);
  return clauses;
}

/** Whether the sentence contains a negated statement of collection at all (for list lead-ins). */
export function hasNegatedClause(sentence: string): boolean {
  return clausesOf(sentence).some((c) => c.negated);
}
