/**
 * Start-up work that the first screen does not need (asking the server about the session, the
 * sync loop, registering the service worker) waits until that screen is up, so that it does not
 * compete with it for IndexedDB, the network and the main thread. A page that loads its content
 * after mounting (route meta `showsItself`) calls `firstScreenShown()` once it is on screen; any
 * other page counts as shown when the first route has rendered. Never later than `maxWaitMs`.
 */
let shown!: () => void
const firstScreen = new Promise<void>((resolve) => (shown = resolve))

export function firstScreenShown(): void {
  shown()
}

export function afterFirstScreen(task: () => void, maxWaitMs = 1000): void {
  void Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, maxWaitMs))]).then(task)
}
