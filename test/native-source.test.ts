import { describe, expect, it } from 'vitest';
import { lexSource } from '../src/engine/native/source-lexer.js';
import { located, probeScan } from './helpers/native-probe.js';

const literalTexts = (text: string, dialect: Parameters<typeof lexSource>[1]) => lexSource(text, dialect).literals.map((s) => text.slice(s.start, s.end));

describe('source lexer', () => {
  it('blanks comments without moving any offset, line or column', () => {
    const text = 'a(); // tm.getImei()\n/* x\n y */ b();';
    const { code } = lexSource(text, 'java');
    expect(code).toHaveLength(text.length);
    expect(code.split('\n')).toEqual(['a();                ', '    ', '      b();']);
  });

  it('nests Kotlin and Swift block comments, but not Java ones', () => {
    expect(lexSource('/* a /* b */ c */ d', 'kotlin').code.trim()).toBe('d');
    expect(lexSource('/* a /* b */ c */ d', 'java').code.trim()).toBe('c */ d');
  });

  it('keeps literals in place and records them, splitting interpolations off as code', () => {
    expect(literalTexts('val s = "id ${tm.imei} of \\"$name\\""', 'kotlin')).toEqual(['"id ', ' of \\"$name\\""']);
    expect(literalTexts('print("at \\(lm.location) \\("x")")', 'swift')).toEqual(['"at ', ' ', '"x"', '"']);
    expect(literalTexts('let r = #"raw "quoted" \\(no)"#', 'swift')).toEqual(['#"raw "quoted" \\(no)"#']);
    expect(literalTexts('String b = """\n  text "block"\n  """;', 'java')).toEqual(['"""\n  text "block"\n  """']);
    expect(literalTexts("char q = '\"'; String s = \"//not a comment\";", 'java')).toEqual(["'\"'", '"//not a comment"']);
  });

  it('reads Ruby comments, =begin blocks and #{} interpolation in Podfiles', () => {
    const text = "# pod 'A'\n=begin\npod 'B'\n=end\npod \"C#{v}\" # pod 'D'";
    expect(lexSource(text, 'ruby').code.replace(/\s+/g, ' ').trim()).toBe('pod "C#{v}"');
    expect(literalTexts(text, 'ruby')).toEqual(['"C', '"']);
  });

  it('stops a one-line literal at the line end, so a stray quote cannot swallow the file', () => {
    const { code } = lexSource('String s = "unterminated;\n// comment\nx();', 'java');
    expect(code.split('\n')[1]!.trim()).toBe('');
  });
});

const TELEPHONY = `  - id: imei
    category: device.id.imei
    message: reads the IMEI
    match:
      - symbol: { pattern: '\\bTelephonyManager\\.(?:getDeviceId\\(|imei\\b)', languages: [java, kotlin] }
  - id: android-id
    category: device.id.android_id
    message: reads the Android ID
    match:
      - symbol: { pattern: '\\bSecure\\.ANDROID_ID\\b|\\bSecure\\.getString\\([^;\\n]{0,80}?"android_id"', languages: [java, kotlin] }
  - id: mac
    category: device.id.mac
    message: reads a MAC address
    match:
      - symbol: { pattern: '\\bWifiManager\\.connectionInfo\\.macAddress\\b|\\.getHardwareAddress\\(', languages: [java, kotlin] }
`;

describe('symbol rules on Java and Kotlin', () => {
  it('types receivers from declarations, casts and getSystemService, and reports from the receiver', async () => {
    const java = [
      'class A {',
      '  private TelephonyManager field;',
      '  String f(Context ctx, TelephonyManager param) {',
      '    TelephonyManager local = (TelephonyManager) ctx.getSystemService(Context.TELEPHONY_SERVICE);',
      '    String a = local.getDeviceId() + param.getDeviceId() + this.field.getDeviceId();',
      '    String b = ((TelephonyManager) ctx.getSystemService(Context.TELEPHONY_SERVICE)).getDeviceId();',
      '    String c = ctx.getSystemService(TelephonyManager.class).getDeviceId();',
      '    return a + b + c + other.getDeviceId();',
      '  }',
      '}',
    ].join('\n');
    const { probe } = await probeScan(TELEPHONY, { 'A.java': java });
    expect(located(probe)).toEqual([
      '5:16 imei local.getDeviceId(',
      '5:38 imei param.getDeviceId(',
      '5:60 imei this.field.getDeviceId(',
      '6:16 imei ((TelephonyManager) ctx.getSystemService(Context.TELEPHONY_SERVICE)).getDeviceId(',
      '7:20 imei getSystemService(TelephonyManager.class).getDeviceId(',
    ]);
  });

  it('reads Kotlin property forms through lazy initialisers, safe calls, aliases and templates', async () => {
    const kotlin = [
      'import android.telephony.TelephonyManager as TM',
      'class B(private val context: Context) {',
      '    private val tm by lazy { context.getSystemService(Context.TELEPHONY_SERVICE) as TM }',
      '    fun f(): String {',
      '        val wifi = context.getSystemService(Context.WIFI_SERVICE) as WifiManager',
      '        val info = wifi.connectionInfo',
      '        return "${tm?.imei} ${context.getSystemService<TelephonyManager>()!!',
      '            .imei} ${info.macAddress}"',
      '    }',
      '}',
    ].join('\n');
    const { probe } = await probeScan(TELEPHONY, { 'B.kt': kotlin });
    expect(located(probe)).toEqual(['7:19 imei tm?.imei', '7:39 imei getSystemService<TelephonyManager>()!! ...', '8:22 mac info.macAddress']);
  });

  it('counts a property on a receiver of another type, or of no known type, as nothing', async () => {
    const kotlin = 'data class Device(val imei: String)\nfun f(device: Device, x: Any) = device.imei + (x as Device).imei + unknown.imei\n';
    expect((await probeScan(TELEPHONY, { 'C.kt': kotlin })).probe).toEqual([]);
  });

  it('qualifies constants from static and member imports', async () => {
    const java = 'import static android.provider.Settings.Secure.ANDROID_ID;\nclass D { String f() { return Settings.Secure.getString(cr, ANDROID_ID); } }';
    const kotlin = 'import android.provider.Settings.Secure.*\nfun f() = Secure.getString(cr, ANDROID_ID)';
    const { probe } = await probeScan(TELEPHONY, { 'D.java': java, 'E.kt': kotlin });
    expect(probe.map((f) => `${f.file}:${f.line}:${f.column} ${f.evidence}`)).toEqual(['D.java:2:61 ANDROID_ID', 'E.kt:2:32 ANDROID_ID']);
  });

  it('never matches inside comments or partly inside a string, but matches a string named whole', async () => {
    const java = [
      'class F {',
      '  // tm.getDeviceId() and Settings.Secure.ANDROID_ID',
      '  String a = "Settings.Secure.ANDROID_ID " + ".getHardwareAddress(";',
      '  String b = Settings.Secure.getString(cr, "android_id");',
      '  String c = Settings.Secure.getString(cr, "android_id_backup");',
      '}',
    ].join('\n');
    const { probe } = await probeScan(TELEPHONY, { 'F.java': java });
    expect(located(probe)).toEqual(['4:23 android-id Secure.getString(cr, "android_id"']);
  });
});

const APPLE = `  - id: location
    category: location.precise
    message: reads the location
    match:
      - symbol: { pattern: '\\bCLLocationManager[.\\s]+(?:startUpdatingLocation|location)\\b', languages: [swift, objc] }
`;

describe('symbol rules on Swift and Objective-C', () => {
  it('types Swift properties, optional bindings and weak-self closures', async () => {
    const swift = [
      'final class L {',
      '    private let manager = CLLocationManager()',
      '    var other: CLLocationManager?',
      '    func go() {',
      '        manager.startUpdatingLocation()',
      '        if let lm = self.other { lm.startUpdatingLocation() }',
      '        queue.async { [weak self] in self?.manager.startUpdatingLocation() }',
      '        print(manager.location?.coordinate)',
      '    }',
      '}',
    ].join('\n');
    const { probe } = await probeScan(APPLE, { 'L.swift': swift });
    expect(located(probe)).toEqual([
      '5:9 location manager.startUpdatingLocation',
      '6:34 location lm.startUpdatingLocation',
      '7:38 location self?.manager.startUpdatingLocation',
      '8:15 location manager.location',
    ]);
  });

  it('types Objective-C receivers of message sends from declarations, properties and instance variables', async () => {
    const objc = [
      '@interface T ()',
      '@property (nonatomic, strong) CLLocationManager *locationManager;',
      '@end',
      '@implementation T',
      '- (void)go {',
      '    [self.locationManager startUpdatingLocation];',
      '    [_locationManager startUpdatingLocation];',
      '    CLLocationManager *lm = [[CLLocationManager alloc] init];',
      '    [lm startUpdatingLocation]; // [lm location]',
      '}',
      '@end',
    ].join('\n');
    const { probe } = await probeScan(APPLE, { 'T.m': objc });
    expect(located(probe)).toEqual([
      '6:6 location self.locationManager startUpdatingLocation',
      '7:6 location _locationManager startUpdatingLocation',
      '9:6 location lm startUpdatingLocation',
    ]);
  });

  it('runs a rule only on the languages it names', async () => {
    const { probe } = await probeScan(APPLE, { 'A.java': 'class A { void f(CLLocationManager m) { m.startUpdatingLocation(); } }' });
    expect(probe).toEqual([]);
  });
});
