// electron-builder beforeBuild hook (networked build machine only): rebuild better-sqlite3 for the
// Electron ABI. Kept out of postinstall because it downloads Electron headers.
const { execSync } = require('node:child_process');

module.exports = async function beforeBuild(context) {
  execSync(`npx @electron/rebuild --only better-sqlite3 --arch ${context.arch}`, { stdio: 'inherit' });
  return true;
};
