import { describe, expect, it } from 'vitest';
import { podNames } from '../src/engine/native/pod-names.js';
import { readPrivacyManifest } from '../src/engine/native/privacy-manifest.js';
import { swiftPackageRepository } from '../src/engine/native/named-rules.js';
import { fileKind } from '../src/engine/scanners.js';
import { located, probeScan } from './helpers/native-probe.js';

const PERMISSION = `  - id: phone
    category: device.id.imei
    message: declares READ_PHONE_STATE
    match:
      - permission: [android.permission.READ_PHONE_STATE]
  - id: location
    category: location.precise
    message: declares precise location
    match:
      - permission: [android.permission.ACCESS_FINE_LOCATION]
      - plist-key: [NSLocationWhenInUseUsageDescription, UIBackgroundModes=location]
  - id: sdk
    category: null
    sdk: umeng
    message: ships Umeng
    match:
      - meta-data: [UMENG_APPKEY]
      - gradle: ["com.umeng.umsdk:*"]
      - pod: [UMCommon]
`;

describe('which scanner owns a file', () => {
  it('gives build manifests to their own scanner before the source scanner of the same extension', () => {
    const owners = {
      'android/app/build.gradle.kts': 'gradle',
      'android/app/src/main/java/App.kt': 'jvm-source',
      'gradle/libs.versions.toml': 'gradle-version-catalog',
      'ios/Package.swift': 'swift-package',
      'ios/Package@swift-5.9.swift': 'swift-package',
      'ios/App/AppDelegate.swift': 'apple-source',
      'ios/App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved': 'package-resolved',
      'ios/Podfile': 'podfile',
      'ios/Podfile.lock': 'podfile-lock',
      'ios/App/App.entitlements': 'plist',
      'android/app/src/main/AndroidManifest.xml': 'xml',
      'mini/app.json': 'app-config',
      'package.json': 'package-json',
    };
    expect(Object.fromEntries(Object.keys(owners).map((f) => [f, fileKind(f)]))).toEqual(owners);
  });
});

describe('AndroidManifest.xml', () => {
  it('reads a manifest with any name, and leaves other XML unparsed', async () => {
    const manifest = '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <uses-permission android:name="android.permission.READ_PHONE_STATE"/>\n</manifest>';
    const layout = '<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android"><uses-permission android:name="android.permission.READ_PHONE_STATE"/><broken></LinearLayout>';
    const { probe, result } = await probeScan(PERMISSION, { 'src/debug/AndroidManifest.xml': manifest, 'res/layout/main.xml': layout });
    expect(probe.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['src/debug/AndroidManifest.xml:2 probe/rules/phone']);
    expect(result.warnings).toEqual([]);
  });

  it('reports a permission as an app capability, judged against collects or a present SDK', async () => {
    const manifest = '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <uses-permission android:name="android.permission.READ_PHONE_STATE"/>\n  <application><meta-data android:name="UMENG_APPKEY" android:value="k"/></application>\n</manifest>';
    const { probe } = await probeScan(PERMISSION, { 'AndroidManifest.xml': manifest });
    expect(probe.map((f) => [f.rule, f.category, f.thirdParty])).toEqual([
      ['probe/rules/phone', 'device.id.imei', null],
      ['probe/rules/sdk', null, 'umeng'],
    ]);
  });

  it('warns about a manifest that is not well-formed and keeps what it read', async () => {
    const manifest = '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <uses-permission android:name="android.permission.READ_PHONE_STATE"/>\n  <uses-permission android:name="android.permission.ACCESS_FINE_LOCATION">\n</manifest>';
    const { probe, result } = await probeScan(PERMISSION, { 'AndroidManifest.xml': manifest });
    expect(probe.map((f) => f.rule)).toEqual(['probe/rules/phone', 'probe/rules/location']);
    expect(result.warnings).toEqual([{ file: 'AndroidManifest.xml', message: expect.stringMatching(/^XML is not well-formed \(line 4, column \d+: .+\); read as far as the parser could recover$/) }]);
  });
});

describe('property lists', () => {
  it('reads keys and KEY=value strings at the line of their <key>, skipping keys set to false', async () => {
    const plist = [
      '<plist version="1.0"><dict>',
      '  <key>UIBackgroundModes</key>',
      '  <array><string>audio</string><string>location</string></array>',
      '  <key>NSLocationWhenInUseUsageDescription</key>',
      '  <false/>',
      '</dict></plist>',
    ].join('\n');
    const { probe } = await probeScan(PERMISSION, { 'Info.plist': plist });
    expect(located(probe)).toEqual(['2:3 location <key>UIBackgroundModes</key>']);
    expect(probe[0]!.category).toBe('location.precise');
  });

  it('warns about a property list it cannot read instead of guessing', async () => {
    const { result } = await probeScan(PERMISSION, { 'Info.plist': '{ NSLocationWhenInUseUsageDescription = "x"; }' });
    expect(result.warnings).toEqual([{ file: 'Info.plist', message: 'could not read the property list: not an XML property list (binary or old-style text plists are not read)' }]);
  });

  it('exposes what an existing PrivacyInfo.xcprivacy declares', () => {
    const manifest = readPrivacyManifest(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<plist version="1.0"><dict>',
        '  <key>NSPrivacyTracking</key><true/>',
        '  <key>NSPrivacyTrackingDomains</key><array><string>ads.example.com</string></array>',
        '  <key>NSPrivacyCollectedDataTypes</key>',
        '  <array>',
        '    <!-- <dict><key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeName</string></dict> -->',
        '    <dict>',
        '      <key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeDeviceID</string>',
        '      <key>NSPrivacyCollectedDataTypeLinked</key><false/>',
        '      <key>NSPrivacyCollectedDataTypeTracking</key><true/>',
        '      <key>NSPrivacyCollectedDataTypePurposes</key><array><string>NSPrivacyCollectedDataTypePurposeAnalytics</string></array>',
        '    </dict>',
        '  </array>',
        '  <key>NSPrivacyAccessedAPITypes</key>',
        '  <array><dict>',
        '    <key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryUserDefaults</string>',
        '    <key>NSPrivacyAccessedAPITypeReasons</key><array><string>CA92.1</string></array>',
        '  </dict></array>',
        '</dict></plist>',
      ].join('\n'),
    );
    expect(manifest).toEqual({
      tracking: true,
      trackingDomains: ['ads.example.com'],
      collectedDataTypes: [{ type: 'NSPrivacyCollectedDataTypeDeviceID', linked: false, tracking: true, purposes: ['NSPrivacyCollectedDataTypePurposeAnalytics'], line: 8 }],
      accessedApiTypes: [{ type: 'NSPrivacyAccessedAPICategoryUserDefaults', reasons: ['CA92.1'], line: 16 }],
    });
    expect(readPrivacyManifest('not a plist')).toMatchObject({ collectedDataTypes: [], error: expect.stringContaining('not an XML property list') });
  });
});

describe('build files', () => {
  it('reads Gradle coordinates in every notation, but not from configurations that never ship', async () => {
    const gradle = [
      'dependencies {',
      '    implementation "com.umeng.umsdk:common:${umengVersion}"',
      '    implementation(group = "com.umeng.umsdk", name = "asms", version = "1.8.2")',
      '    testImplementation("com.umeng.umsdk:apm:1.9.4")',
      '    // implementation "com.umeng.umsdk:push:6.6.3"',
      '}',
    ].join('\n');
    const { probe } = await probeScan(PERMISSION, { 'app/build.gradle.kts': gradle });
    expect(probe.map((f) => f.line)).toEqual([2, 3]);
  });

  it('points version catalog libraries at their alias line, dotted aliases included', async () => {
    const toml = '[versions]\numeng = "9.6.8"\n\n[libraries]\numeng.common = { module = "com.umeng.umsdk:common", version.ref = "umeng" }\n';
    const { probe } = await probeScan(PERMISSION, { 'gradle/libs.versions.toml': toml });
    expect(located(probe)).toEqual(['5:1 sdk umeng.common = { module = "com.umeng.umsdk:common", version.ref = "umeng" }']);
  });

  it('warns about a version catalog or lockfile it cannot parse', async () => {
    const { result } = await probeScan(PERMISSION, {
      'gradle/libs.versions.toml': '[libraries]\numeng = { module = "com.umeng.umsdk:common"\n',
      'ios/Podfile.lock': 'PODS:\n  - UMCommon (7.4.2\n    - : :\n',
      'ios/Package.resolved': '{ "pins": [ }',
    });
    expect(result.warnings.map((w) => `${w.file}: ${w.message.split(/[:(]/)[0]}`)).toEqual([
      'gradle/libs.versions.toml: could not parse the version catalog ',
      'ios/Package.resolved: could not parse Package.resolved ',
      'ios/Podfile.lock: could not parse Podfile.lock',
    ]);
  });

  it('names pods with their subspecs and Swift packages by repository in any URL form', () => {
    expect(podNames('Firebase/Analytics/Core')).toEqual(['Firebase/Analytics/Core', 'Firebase/Analytics', 'Firebase']);
    for (const url of ['https://github.com/PostHog/posthog-ios.git', 'git@github.com:PostHog/posthog-ios.git', 'ssh://git@github.com/posthog/posthog-ios/', 'github.com/PostHog/posthog-ios']) {
      expect(swiftPackageRepository(url)).toBe('github.com/posthog/posthog-ios');
    }
  });
});

describe('cross-platform app configs', () => {
  it('reads uni-app permissions and purpose strings, and ignores JSON that only looks similar', async () => {
    const manifest = '{\n  /* HBuilderX writes comments */\n  "app-plus": { "distribute": {\n    "android": { "permissions": ["<uses-permission android:name=\\"android.permission.READ_PHONE_STATE\\"/>"] },\n    "ios": { "privacyDescription": { "NSLocationWhenInUseUsageDescription": "nearby shops" } }\n  } }\n}';
    const lookalikes = {
      'web/manifest.json': '{ "name": "PWA", "permissions": ["android.permission.READ_PHONE_STATE"] }',
      'tsconfig.app.json': '{ "compilerOptions": { "strict": true } }',
    };
    const { probe, result } = await probeScan(PERMISSION, { 'manifest.json': manifest, ...lookalikes });
    expect(located(probe)).toEqual([
      '4:34 phone "<uses-permission android:name=\\"android.permission.READ_PHONE_STATE\\"/>"',
      '5:38 location "NSLocationWhenInUseUsageDescription"',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about an app config that is not JSON', async () => {
    const { result } = await probeScan(PERMISSION, { 'app.json': '{ "expo": { "name": } }' });
    expect(result.warnings).toEqual([{ file: 'app.json', message: expect.stringMatching(/^could not parse as JSON \(line 1, column \d+: .+\); its declarations were not checked$/) }]);
  });
});
