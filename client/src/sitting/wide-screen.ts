import { onBeforeUnmount, ref } from 'vue'

/** Width from which a sitting shows all its units side by side (the grid); below it, one unit at a time. */
export const GRID_MIN_WIDTH_PX = 900

/** Whether the window is wide enough for the grid, following resizes and rotations. */
export function useWideScreen() {
  const query = globalThis.matchMedia?.(`(min-width: ${GRID_MIN_WIDTH_PX}px)`)
  const wide = ref(query?.matches ?? false)
  const follow = (event: MediaQueryListEvent) => (wide.value = event.matches)
  query?.addEventListener('change', follow)
  onBeforeUnmount(() => query?.removeEventListener('change', follow))
  return wide
}
