/**
 * The policy-text vocabulary that the catalog's `terms` and SDK `aliases` do not carry: spelling
 * variants, generalisations, vendor product names and the phrases of the standard disclosure
 * sentences SDK vendors ask apps to paste. A pattern here supersedes any catalog term it matches
 * whole (so "device ID" means `device.id` here, not the catalog's `device.id.generated`).
 *
 * Patterns are regular-expression sources matched case-insensitively; a space matches any run of
 * spaces or hyphens (or none), and English words get letter boundaries and an optional plural.
 */

/** A phrase naming a data category; `category: null` marks a look-alike that names none. */
export interface CategoryTerm {
  category: string | null;
  pattern: string;
  /**
   * A common word that names data only in a data context: after "your", "device", "preferred"...,
   * before "information", "data", "settings"..., or in a list next to another category.
   */
  weak?: boolean;
  /** Matched with its case as written ("MAC", not the computer "Mac"). */
  caseSensitive?: boolean;
}

/** A name of an SDK or its vendor; `sdk: null` marks a look-alike product that is not that SDK. */
export interface SdkTerm {
  sdk: string | null;
  pattern: string;
  /** Matched with its case as written ("Branch", not "branch"). */
  caseSensitive?: boolean;
  /**
   * A name that is also an everyday word ("Adjust", "Segment", "Branch"): it counts only
   * mid-sentence and next to SDK vocabulary (SDK, analytics, Inc., a list of other SDKs).
   */
  contextual?: boolean;
}

export const CATEGORY_TERMS: CategoryTerm[] = [
  // Device identifiers. The generic phrases mean the group: a policy that says "unique device
  // identifier" has disclosed device identifiers without naming which.
  { category: 'device.id', pattern: String.raw`(?:unique )?(?:mobile )?device(?:'s)? (?:unique )?(?:identifier|identification(?: number| code)?|ID|IDs|UDID)|unique (?:mobile )?device (?:identification (?:code|number)|identifier|ID)|device[\s-]specific identifier|device (?:and|or|&) (?:app(?:lication)?|advertising|browser) (?:identifiers|IDs|identification numbers)|(?:unique )?identifiers? (?:of|for|associated with|assigned to|tied to) (?:your|the|a|each) (?:mobile )?device|UDID|hardware (?:identifier|ID)` },
  { category: 'device.id', pattern: String.raw`unique identifier`, weak: true },
  { category: 'device.id', pattern: String.raw`(?:唯一)?设备(?:唯一)?(?:标识|识别)(?:符|码|号|信息)?|(?:唯一)?设备\s*ID|手机(?:唯一)?(?:标识|识别码)|硬件标识(?:符|码)?` },
  { category: 'device.id.imei', pattern: String.raw`IMEI|MEID|ESN|international mobile (?:station )?equipment identit(?:y|ies)|国际移动设备(?:识别码|身份码|标识码?)` },
  { category: 'device.id.imsi', pattern: String.raw`IMSI|international mobile subscriber identit(?:y|ies)|(?:SIM|mobile) subscriber (?:ID|identity|identifier)|(?:国际)?移动用户识别码` },
  { category: 'device.id.imsi', pattern: String.raw`subscriber ID`, weak: true },
  { category: 'device.id.iccid', pattern: String.raw`ICCID|SIM (?:card )?serial(?: number)?|integrated circuit card (?:identifier|ID)|SIM卡序列号|SIM卡号` },
  { category: 'device.id.serial', pattern: String.raw`(?:device|hardware|phone|handset)(?:'s)? serial(?: number)?|设备序列号|硬件序列号` },
  { category: 'device.id.serial', pattern: String.raw`serial number|序列号`, weak: true },
  { category: 'device.id.mac', pattern: String.raw`(?:Wi-?Fi |WLAN |Bluetooth |ethernet |network card )?(?:\(MAC\)|MAC) address|media access control (?:\(MAC\) )?address|MAC地址|网卡地址|MAC物理地址` },
  { category: 'device.id.mac', pattern: String.raw`MAC`, weak: true, caseSensitive: true },
  { category: 'device.id.android_id', pattern: String.raw`an(?:droid|doird) ID|AndroidID|Android_ID|SSAID|安卓ID` },
  { category: 'device.id.advertising', pattern: String.raw`IDFA|GAID|AAID|OAID|(?:mobile |device |google |android |apple |iOS )?(?:advertising|advertiser|ad)(?: \(ad\))?(?: device)? (?:ID|identifier|identification)(?: number)?|identifiers? for advertis(?:ers|ing)|广告(?:标识符|标识|ID)|(?:开放)?匿名设备标识符?` },
  { category: 'device.id.vendor', pattern: String.raw`IDFV|identifiers? for vendors?|vendor identifier|app set ID|(?:供应商|开发商)标识符?` },
  { category: 'device.id.generated', pattern: String.raw`OpenUDID|GUID|UUID|UTDID|installation ID|install ID|(?:app |application |Firebase )?instance ID` },
  { category: 'device.id.push_token', pattern: String.raw`(?:push|device|FCM|APNs|registration) token|推送(?:标识|令牌|Token)|Registration ID` },

  // Device properties.
  { category: 'device.info', pattern: String.raw`(?:hardware (?:and|&) software|software (?:and|&) hardware) (?:features|characteristics|attributes|information|properties|specifications)|(?:features|characteristics|attributes|properties) of (?:the |your )?(?:software and hardware|hardware and software)|device (?:information|info|attributes|characteristics|properties|settings|details)|technical information about your device|软硬件(?:特征|特性)?(?:信息)?|(?:软件和硬件|硬件和软件|软件与硬件|硬件与软件)(?:特征|特性|信息)|设备(?:信息|属性|参数)` },
  { category: 'device.info.model', pattern: String.raw`device (?:model|type|make|manufacturer|brand)|(?:phone|handset|hardware|mobile device|mobile phone) model|model of (?:your|the) (?:device|phone|mobile device)|type of (?:mobile )?device|设备(?:型号|品牌|制造商|厂商|类型)|手机(?:型号|品牌)|硬件型号|机型` },
  { category: 'device.info.os', pattern: String.raw`(?:operating system|OS) (?:version|type|name)|(?:mobile |device )operating system|操作系统(?:版本|类型|名称|信息)?|系统版本` },
  { category: 'device.info.os', pattern: String.raw`operating system`, weak: true },
  { category: 'device.info.name', pattern: String.raw`device name|设备名称` },
  { category: 'device.info.hardware', pattern: String.raw`screen (?:resolution|size)|battery (?:level|status)|(?:CPU|processor|memory|storage|disk) (?:information|type|usage|capacity|space)|屏幕(?:分辨率|尺寸|密度)|电池(?:状态|电量)|CPU信息|内存(?:信息|大小)|存储空间` },
  { category: 'device.info.installed_apps', pattern: String.raw`(?:list of )?(?:installed|other) (?:apps|applications)(?: on your device)?|apps? installed on your (?:device|phone)|app(?:lication)? list|已安装(?:的)?(?:应用|软件|APP)(?:列表|信息|包名)?|(?:应用|软件|安装)列表(?:信息)?` },
  { category: 'device.sensors', pattern: String.raw`accelerometer|gyroscope|magnetometer|(?:motion|orientation) sensor|加速度传感器|陀螺仪|重力感应|传感器信息|方向传感器` },
  { category: 'device.clipboard', pattern: String.raw`clipboard|pasteboard|剪切板|剪贴板|粘贴板` },

  // Network.
  { category: 'network.ip', pattern: String.raw`(?:internet protocol(?: ?\( ?["“”'‘’]?IP["“”'‘’]? ?\))?|IP) address|IP ?地址` },
  { category: 'network.wifi', pattern: String.raw`(?:Wi-?Fi|WLAN|wireless(?: network)?) (?:information|info|network names?|names?|details|status|state|connection information|access points?|hotspots?|routers?|networks? (?:information|names?))|nearby (?:Wi-?Fi|wireless) networks|SSID|BSSID|(?:Wi-?Fi|WIFI|WLAN|无线网络)(?:信息|名称|状态|列表|接入点|热点)` },
  { category: 'network.carrier', pattern: String.raw`mobile (?:network )?(?:carrier|operator)|(?:cellular|wireless|network|phone|mobile service) (?:carrier|provider)|carrier (?:name|information)|network operator|(?:网络)?运营商(?:信息|名称)?` },
  { category: 'network.cell', pattern: String.raw`cell(?:ular)? tower|cell (?:ID|identifier)|base station|基站(?:信息)?` },
  { category: 'network.connection', pattern: String.raw`network (?:type|connection type|status|state)|connection type|type of (?:network )?connection|网络(?:类型|状态|连接状态|制式)|联网方式` },

  // Browser.
  { category: 'browser.user_agent', pattern: String.raw`browser (?:type|version|name|information|info|details)|type of (?:web )?browser|user[\s-]?agent(?: string)?|浏览器(?:类型|信息|版本|型号)|用户代理` },
  { category: 'browser.fingerprint', pattern: String.raw`(?:device|browser|digital|canvas) fingerprint(?:ing)?|fingerprinting|设备指纹|浏览器指纹` },

  // Locale.
  { category: 'locale.language', pattern: String.raw`(?:preferred|browser|device|system|display|default) language|language (?:preference|setting|used|selection)|(?:系统|设备|浏览器|首选|偏好|手机)语言|语言(?:设置|偏好|环境|类型)` },
  { category: 'locale.language', pattern: String.raw`language|语言`, weak: true },
  { category: 'locale', pattern: String.raw`(?:device |browser |system )?locale(?: settings?)?|区域设置` },
  { category: 'locale.timezone', pattern: String.raw`time ?zone(?: settings?)?|时区` },

  // Cookies and their kin: what policies call "cookies and similar technologies".
  { category: 'tracking.cookie', pattern: String.raw`cookie|similar technologies|(?:similar|other|related) tracking (?:technologies|tools|mechanisms)|tracking technologies|web beacon|pixel tag|tracking pixel|clear gif|spy pixel|local shared object|(?:网络|网站|网页)信标|像素标签|像素标记|(?:同类|类似)技术` },
  { category: 'tracking.storage_id', pattern: String.raw`(?:HTML5|browser|web) (?:local )?storage|localStorage|sessionStorage|IndexedDB` },
  { category: 'tracking.storage_id', pattern: String.raw`local storage|本地存储`, weak: true },

  // Location. "location" alone is weak: "the location of our offices" is not data.
  { category: 'location', pattern: String.raw`geo[\s-]?location|geo(?:graphic(?:al)?|graphy) (?:location|position)|physical location|location[\s-](?:based|aware) (?:services?|features?|ads|advertising|content)|location (?:information|info|data|details|history|services?|permissions?|coordinates|tracking|signals?)|(?:your|user'?s|users'|device'?s?|phone'?s?|current|real[\s-]?time) (?:physical )?location|location of (?:your|the user'?s?|a user'?s?) (?:mobile )?(?:device|phone|computer)|地理位置(?:信息)?|位置(?:信息|数据|权限|服务)|定位(?:信息|服务|权限|功能|数据)|行踪轨迹|所在(?:位置|地)|地理坐标` },
  { category: 'location', pattern: String.raw`location|定位|位置`, weak: true },
  { category: 'location.precise', pattern: String.raw`GPS(?: location| coordinates| data| information| position| signals?)?|precise (?:geo)?location|exact location|fine(?:-grained)? location|latitude(?: and |/| & |, )longitude|longitude(?: and |/| & |, )latitude|geographic coordinates|GPS(?:定位|位置|信息)|精(?:确|准|细)(?:地理)?(?:位置|定位)(?:信息)?|经纬度` },
  { category: 'location.coarse', pattern: String.raw`(?:approximate|coarse|general|rough|city[\s-]level|imprecise|approximated) (?:geo)?location|IP[\s-]based location|location (?:derived|inferred|estimated) from (?:your )?IP|粗略(?:地理)?位置(?:信息)?|大致(?:地理)?位置(?:信息)?|大概位置|模糊位置|城市级(?:别)?位置` },
  { category: 'location.background', pattern: String.raw`background location|location (?:in|while in|while the app is in) the background|后台(?:定位|位置|获取位置)` },
  // Look-alikes that name no personal data.
  // "Depending on your location, you may have the right to..." is about which law applies.
  { category: null, pattern: String.raw`location of (?:our|the|its) (?:servers?|offices?|business|data cent(?:er|re)s?|headquarters)|(?:depending on|regardless of|irrespective of) (?:your|the user'?s|a user'?s) (?:physical )?location|(?:产品|市场|品牌)定位` },

  // Contact and account data.
  // The catalog also files 联系方式 under phone numbers; it names contact details in general.
  { category: 'contact_info', pattern: String.raw`contact (?:information|details)|联系方式` },
  { category: 'contact_info.email', pattern: String.raw`e-?mail address|电子邮(?:箱|件地址)|邮箱地址` },
  { category: 'contact_info.email', pattern: String.raw`email|邮箱`, weak: true },
  { category: 'contact_info.phone', pattern: String.raw`(?:mobile |cell |tele)?phone number|mobile number|手机号码?|电话号码` },
  { category: 'financial.payment_info', pattern: String.raw`(?:credit|debit|payment|bank) card (?:number|information|details|data)|bank account(?: number| information)?|payment (?:information|details)|银行卡(?:号|信息)|支付(?:信息|账号)` },

  // Usage and diagnostics.
  { category: 'usage.page_views', pattern: String.raw`(?:date and time|time and date) of (?:your )?(?:access|visit|use|request)|(?:access|visit) (?:date|time)s?|pages? (?:you )?(?:visited|viewed)|web ?page records|访问(?:日期|时间)(?:和时间)?|网页记录|浏览记录` },
  { category: 'usage.browsing_history', pattern: String.raw`browsing history|referring (?:URL|website|page)|referr?er URL|浏览历史` },
  { category: 'usage.search_history', pattern: String.raw`search (?:history|queries|terms)|搜索(?:记录|历史|关键词|关键字)` },
  { category: 'diagnostics.crash', pattern: String.raw`crash (?:reports?|logs?|data|information)|崩溃(?:日志|信息|报告|数据)` },
  { category: 'diagnostics.logs', pattern: String.raw`log data|log files?|(?:error|diagnostic|system) logs?|日志信息|错误日志|操作日志` },

  // Content behind device permissions.
  { category: 'content.photos_videos', pattern: String.raw`photo library|camera roll|photos and videos|(?:your|the) (?:photos|camera)|相册|相机|摄像头|照片` },
  { category: 'content.audio', pattern: String.raw`microphone|voice recordings?|audio recordings?|麦克风|录音` },
  { category: 'content.messages', pattern: String.raw`(?:SMS|text) messages|call (?:logs?|history|records)|短信|通话记录` },
  { category: 'content.calendar', pattern: String.raw`(?:your )?calendar (?:events|entries|information)|日历|日程` },
  { category: 'contacts.address_book', pattern: String.raw`address book|contact list|(?:your|phone|device) contacts|通讯录|联系人(?:列表|信息)` },
];

/** Names of SDKs, their products and vendors, in English and Chinese. */
export const SDK_TERMS: SdkTerm[] = [
  { sdk: 'umeng', pattern: String.raw`友盟\+?|U-?Meng\+?|Umeng\+?|Alliance ?\+ ?SDK|Alliance\+|CNZZ` },
  { sdk: 'umeng', pattern: String.raw`U-(?:App|Push|Share|Verify|Link|APM)`, caseSensitive: true },
  { sdk: 'appcenter', pattern: String.raw`(?:Visual Studio |Microsoft )?App ?Center|Mobile Center|HockeyApp`, caseSensitive: true },
  { sdk: 'firebase-analytics', pattern: String.raw`Google Analytics for Firebase|Firebase Analytics|Firebase` },
  { sdk: null, pattern: String.raw`Firebase (?:Crashlytics|Cloud Messaging|Auth(?:entication)?|Hosting|Realtime Database|(?:Cloud )?Storage|Firestore|Remote Config|Performance Monitoring|Dynamic Links|In-App Messaging|App Check)` },
  { sdk: 'google-analytics', pattern: String.raw`Google Analytics|Google Tag Manager|gtag(?:\.js)?|Universal Analytics|GA4|谷歌分析` },
  { sdk: 'segment', pattern: String.raw`Segment(?:\.io|\.com)?|Twilio Segment`, caseSensitive: true, contextual: true },
  { sdk: 'mixpanel', pattern: String.raw`Mixpanel` },
  { sdk: 'amplitude', pattern: String.raw`Amplitude`, caseSensitive: true, contextual: true },
  { sdk: 'posthog', pattern: String.raw`PostHog` },
  { sdk: 'sentry', pattern: String.raw`Sentry(?:\.io)?`, caseSensitive: true, contextual: true },
  { sdk: 'facebook', pattern: String.raw`Facebook(?: SDK| Pixel| Analytics| App Events| Audience Network| Login| Ads)?|Meta (?:Pixel|SDK|Platforms|Audience Network|App Events)` },
  { sdk: 'adjust', pattern: String.raw`Adjust(?: GmbH| SDK|\.com)?`, caseSensitive: true, contextual: true },
  { sdk: 'appsflyer', pattern: String.raw`AppsFlyer|Apps Flyer` },
  { sdk: 'branch', pattern: String.raw`Branch(?: Metrics|\.io)?`, caseSensitive: true, contextual: true },
  { sdk: 'baidu-tongji', pattern: String.raw`百度(?:移动)?统计|Baidu (?:Tongji|Analytics|Mobile Statistics|MTJ)|Mobile Tongji` },
  { sdk: 'sensorsdata', pattern: String.raw`神策(?:数据|分析)?|Sensors ?Data|Sensors Analytics` },
  { sdk: 'growingio', pattern: String.raw`Growing ?IO` },
  { sdk: 'talkingdata', pattern: String.raw`Talking ?Data|腾云天下` },
  { sdk: 'jiguang', pattern: String.raw`极光(?:推送|认证|统计|分析|SDK)?|JPush|JIGUANG|JVerification|JAnalytics|JCore|Aurora Mobile` },
  { sdk: 'tencent-mta', pattern: String.raw`腾讯移动分析|腾讯\s*MTA|腾讯灯塔|灯塔\s*SDK|Tencent (?:MTA|Mobile Analytics|Beacon)` },
  { sdk: 'bugly', pattern: String.raw`Bugly` },
  { sdk: 'hotjar', pattern: String.raw`Hotjar` },
  { sdk: 'fingerprintjs', pattern: String.raw`FingerprintJS|Fingerprint Pro|Fingerprint\.com` },
  { sdk: 'getui', pattern: String.raw`个推|Getui` },
  { sdk: 'pangle', pattern: String.raw`Pangle|穿山甲` },
  { sdk: 'volcengine-datarangers', pattern: String.raw`DataRangers|火山引擎(?:增长分析|DataRangers)` },
  { sdk: 'thinkingdata', pattern: String.raw`Thinking ?Data|ThinkingAnalytics|数数科技` },
  { sdk: 'china-location-sdks', pattern: String.raw`高德(?:地图|定位|开放平台)?(?: ?SDK)?|AMap|百度(?:地图|定位|LBS)(?: ?SDK)?|腾讯(?:地图|定位)(?: ?SDK)?|(?:Baidu|Tencent) (?:Maps?|LBS|Location) SDK` },
  { sdk: 'matomo', pattern: String.raw`Matomo|Piwik` },
  { sdk: 'datadog', pattern: String.raw`Datadog` },
  { sdk: 'bugsnag', pattern: String.raw`Bugsnag` },
];

/** Link and text host names that identify an SDK, as in "see https://www.umeng.com/page/policy". */
export const SDK_HOSTS: Record<string, string> = {
  'umeng.com': 'umeng',
  'cnzz.com': 'umeng',
  'appcenter.ms': 'appcenter',
  'firebase.google.com': 'firebase-analytics',
  'analytics.google.com': 'google-analytics',
  'marketingplatform.google.com': 'google-analytics',
  'tagmanager.google.com': 'google-analytics',
  'segment.com': 'segment',
  'mixpanel.com': 'mixpanel',
  'amplitude.com': 'amplitude',
  'posthog.com': 'posthog',
  'sentry.io': 'sentry',
  'adjust.com': 'adjust',
  'appsflyer.com': 'appsflyer',
  'branch.io': 'branch',
  'tongji.baidu.com': 'baidu-tongji',
  'mtj.baidu.com': 'baidu-tongji',
  'sensorsdata.cn': 'sensorsdata',
  'sensorsdata.com': 'sensorsdata',
  'growingio.com': 'growingio',
  'talkingdata.com': 'talkingdata',
  'jiguang.cn': 'jiguang',
  'jpush.cn': 'jiguang',
  'mta.qq.com': 'tencent-mta',
  'beacon.qq.com': 'tencent-mta',
  'bugly.qq.com': 'bugly',
  'hotjar.com': 'hotjar',
  'fingerprint.com': 'fingerprintjs',
  'fingerprintjs.com': 'fingerprintjs',
  'getui.com': 'getui',
  'pangle.io': 'pangle',
  'csjplatform.com': 'pangle',
  'thinkingdata.cn': 'thinkingdata',
  'thinkingdata.io': 'thinkingdata',
  'lbs.amap.com': 'china-location-sdks',
  'lbsyun.baidu.com': 'china-location-sdks',
  'lbs.qq.com': 'china-location-sdks',
  'matomo.org': 'matomo',
  'datadoghq.com': 'datadog',
  'bugsnag.com': 'bugsnag',
};
