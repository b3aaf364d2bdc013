import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, NetworkError } from '../../api/http.ts'

/**
 * What the admin pages say when a call fails: offline, the server's own (translated) message,
 * or a generic failure; and `run`, which shows one step as busy and keeps its failure.
 */
export function useAdminAction() {
  const { t } = useI18n()
  const busy = ref(false)
  const error = ref<string | null>(null)
  const failure = (e: unknown): string =>
    e instanceof NetworkError ? t('admin.offline') : e instanceof ApiError ? e.message : t('admin.failed')

  async function run(step: () => Promise<void>): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await step()
    } catch (e) {
      error.value = failure(e)
    } finally {
      busy.value = false
    }
  }
  return { busy, error, failure, run }
}
