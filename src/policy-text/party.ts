/**
 * Who collects: the app ("we", "this application", "我们", "本应用") or a third party ("our
 * partners", "third-party SDKs", "第三方"). The subject of a verb of collection decides ("third
 * parties may collect"); without one, the party named after a preposition ("is collected by us",
 * "shared with advertisers").
 */

export type Party = 'first' | 'third' | 'unknown';

const THIRD_PARTY =
  /(?<!\binternet\s)\b(?:(?:our|these|such|other|certain|trusted|selected|any)\s+)?(?:third[\s-]part(?:y|ies)(?:\s+(?:services?|service\s+providers?|providers?|partners?|vendors?|SDKs?|companies|tools|libraries|code|advertisers|ad\s+networks|analytics(?:\s+providers|\s+services)?|platforms?))?|(?:advertising|analytics|marketing|business|ad|measurement|attribution)\s+(?:partners?|providers?|networks?|services?|companies|vendors?)|partners?|service\s+providers?|vendors?|advertisers?|ad\s+networks?|SDKs?|plug-?ins?|social\s+(?:media\s+)?(?:networks?|platforms?))\b|第三方(?:SDK|服务商|服务提供商|合作伙伴|合作方|平台|公司|机构)?|合作伙伴|合作方|广告主|(?:服务|广告)(?:提供商|商)|SDK|插件/gi;
const FIRST_PARTY =
  /\b(?:we|us|our|ours|ourselves|this\s+(?:app|application|website|site|service|software|product|platform|game|company)|the\s+(?:app|application|website|site|software|game|company|developer))\b|我们|我方|本(?:应用|软件|App|APP|app|产品|平台|网站|公司|程序|游戏|服务)|(?:该|此)(?:应用|软件)/gi;
/** English verbs with their inflections: "use" must not match "user", nor "log" "login". */
function verbs(stems: string): string {
  return String.raw`\b(?:${stems})(?:s|es|ed|d|ing|ged|ging|ted|ting)?\b`;
}

const VERB = new RegExp(
  `${verbs('collect|gather|obtain|receive?|record|access|process|store?|log|track|read|request|require?|need|share?|disclose?|provide?|transfer|sell|sold|send|sent|transmit|get|acquire?|capture?|monitor|set|place?|integrate?|embed')}|\\bus(?:e|es|ed|ing)\\b|收集|采集|获取|读取|访问|使用|记录|存储|储存|保存|追踪|跟踪|调用|索取|搜集|获得|申请|上传|处理|共享|提供|披露|传输|接收|集成|接入|嵌入`,
  'i',
);

/** The verbs of collection proper: "we integrate X; X collects" makes X the collector. */
const COLLECT_VERB = new RegExp(
  `${verbs('collect|gather|obtain|receive?|record|access|read|request|log|track|capture?|acquire?|monitor')}|收集|采集|获取|读取|访问|记录|追踪|跟踪|调用|索取|搜集|获得|上传`,
  'i',
);

interface Agent {
  at: number;
  end: number;
  party: 'first' | 'third';
}

function agents(text: string): Agent[] {
  const third = [...text.matchAll(THIRD_PARTY)].map((m) => ({ at: m.index, end: m.index + m[0].length, party: 'third' as const }));
  // "our partners" is a third party: first-party words inside a third-party phrase do not count.
  const first = [...text.matchAll(FIRST_PARTY)]
    .filter((m) => m[0] !== 'US' && !third.some((t) => m.index >= t.at && m.index < t.end))
    .map((m) => ({ at: m.index, end: m.index + m[0].length, party: 'first' as const }));
  return [...third, ...first].sort((a, b) => a.at - b.at);
}

/**
 * An agent followed by a verb within a few words ("may also automatically", "不会向第三方") is the
 * subject of the clause.
 */
function isSubject(text: string, agent: Agent, verb: RegExp): boolean {
  const after = text.slice(agent.end, agent.end + 60);
  const verbAt = after.search(verb);
  if (verbAt < 0) return false;
  const between = after.slice(0, verbAt);
  if (/[.;:；。，：]/u.test(between)) return false;
  return /^(?:\s*(?:[\w'-]+|,))?(?:\s+[\w'-]+){0,3}\s*$/.test(between) || /^[\p{Script=Han}\s]{0,10}$/u.test(between);
}

/** "collected by us", "shared with advertisers", "提供给第三方": the agent of a passive or a recipient. */
const AGENT_PREPOSITION = /(?:\b(?:by|with|to|from|through|via)\s+(?:the\s+|such\s+|these\s+)?|由|向|与|给|被|经)$/i;

/** The party that is the subject of a verb in the clause ("we collect", "第三方SDK会收集"), if any. */
export function subjectOf(clause: string): 'first' | 'third' | undefined {
  const found = agents(clause);
  return (found.find((a) => isSubject(clause, a, COLLECT_VERB)) ?? found.find((a) => isSubject(clause, a, VERB)))?.party;
}

/**
 * The party a clause names as the collector, or undefined when it names none: the subject of a
 * verb of collection ("this application automatically receives"), or of any verb, else the agent
 * or recipient named with a preposition ("is shared with third parties"), else the app if it is
 * named at all.
 */
export function agentOf(clause: string): 'first' | 'third' | undefined {
  const found = agents(clause);
  if (found.length === 0) return undefined;
  const subject = subjectOf(clause);
  if (subject) return subject;
  const introduced = found.find((a) => AGENT_PREPOSITION.test(clause.slice(Math.max(0, a.at - 24), a.at)));
  if (introduced) return introduced.party;
  return found.some((a) => a.party === 'first') ? 'first' : 'third';
}
