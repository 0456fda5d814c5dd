import type { Configuration } from 'electron-builder'

/**
 * Installers: `npm run dist` (see README, "Building an installer"). Loaded by electron-builder through
 * `--config electron-builder.config.ts` and by tests/unit/main/packaging.test.ts.
 */
const config: Configuration = {
  appId: 'no.supportconsole.app',
  productName: 'Support Console',
  copyright: 'Copyright © Support Console',
  // The installed electron devDependency: electron-builder needs no lookup to know it.
  electronVersion: '45.4.1',
  // No native modules: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  directories: { buildResources: 'resources', output: 'dist' },
  // The electron-vite build and package.json; electron-builder adds the production dependencies the main
  // bundle imports (axios, zod, electron-store) itself. The CLI (out/cli) is a Node tool, not the app.
  files: ['out/**', '!out/cli/**', 'package.json'],
  asar: true,
  afterPack: './scripts/after-pack.mjs',
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icon.png',
    executableName: 'support-console',
    category: 'Office',
    synopsis: 'Console for customer-service agents: customers, payment tokens, invoices',
    maintainer: 'Support Console maintainers <maintainers@supportconsole.no>',
  },
  deb: { packageCategory: 'utils' },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${name}-${version}-setup-${arch}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'resources/icon.png',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
  },
  dmg: { artifactName: '${name}-${version}-${arch}.${ext}' },
}

export default config
