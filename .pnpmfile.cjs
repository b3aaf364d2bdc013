// better-sqlite3 is compiled by node-gyp here (its prebuilt binaries live on GitHub, which is
// unreachable). node-gyp would download Node's headers; point it at the ones the nodejs
// package installs under /usr/include/node. pnpm 12 ignores `nodedir` in .npmrc, so set it here.
module.exports = {
  hooks: {
    updateConfig(config) {
      if (!process.env.npm_config_nodedir) {
        config.extraEnv = { ...(config.extraEnv ?? {}), npm_config_nodedir: '/usr' }
      }
      return config
    },
  },
}
