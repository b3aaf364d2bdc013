import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInvitationsApi, type InvitationOverview } from '../../api/invitations.ts'
import { i18n, loadOfficeMessages, setLocale } from '../../i18n/index.ts'
import InvitationTexts from './InvitationTexts.vue'

const overview: InvitationOverview = {
  surveyId: 'par-2026-department',
  mail: { configured: true, from: 'cchc@sonha.gov.vn' },
  deadline: '31/12/2026',
  texts: {
    invite: { subject: 'Mời Ông/Bà đánh giá', body: 'Kính gửi {name}, …{link}', custom: false },
    remind: { subject: 'Nhắc trả lời', body: 'Kính gửi {name}, xin nhắc…', custom: true },
  },
  people: [],
  byGroup: [],
  byUnit: [],
}

/** The API over a fetch that answers like the server (`PUT …/texts/<kind>` echoes the text as custom), or refuses. */
function apiAnswering(status: number) {
  const sent: { url: string; method: string; body: unknown }[] = []
  const api = createInvitationsApi({
    locale: () => 'vi',
    fetch: async (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>
      sent.push({ url: String(input), method: init?.method ?? 'GET', body })
      const reply =
        status === 200
          ? { ...body, custom: true }
          : { error: { code: 'x', message: 'Tiêu đề quá dài.', field: 'subject' } }
      return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } })
    },
  })
  return { api, sent }
}

/** Mounts the editor as the invitations page does: it runs each step the editor asks for. */
function editor(status = 200) {
  const { api, sent } = apiAnswering(status)
  const failures: unknown[] = []
  const wrapper = mount(InvitationTexts, {
    props: {
      overview,
      api,
      busy: false,
      onRun: (step: () => Promise<void>) => step().catch((error: unknown) => failures.push(error)),
    },
    global: { plugins: [i18n] },
  })
  return { wrapper, sent, failures }
}

describe('InvitationTexts', () => {
  beforeAll(async () => {
    await loadOfficeMessages()
    await setLocale('vi')
  })
  afterAll(async () => setLocale('vi'))

  it('shows each text as it is in use, saying whether it is the default or was changed', () => {
    const { wrapper } = editor()
    const invite = wrapper.get('[data-testid=invitation-text-invite]')
    expect(invite.get('summary').text()).toBe('Thư mời — Đang dùng nội dung mặc định.')
    expect((invite.get('[data-testid=invitation-subject]').element as HTMLInputElement).value).toBe(
      'Mời Ông/Bà đánh giá',
    )
    const remind = wrapper.get('[data-testid=invitation-text-remind]')
    expect(remind.get('summary').text()).toBe('Thư nhắc — Đang dùng nội dung đã sửa.')
    expect((remind.get('[data-testid=invitation-body]').element as HTMLTextAreaElement).value).toBe(
      'Kính gửi {name}, xin nhắc…',
    )
  })

  it('saves the edited text of one kind only, then says it was saved and tells the page', async () => {
    const { wrapper, sent } = editor()
    const invite = wrapper.get('[data-testid=invitation-text-invite]')
    await invite.get('[data-testid=invitation-subject]').setValue('Thư mời đánh giá CCHC 2026')
    await invite.get('[data-testid=invitation-save]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([
      {
        url: '/api/invitations/par-2026-department/texts/invite',
        method: 'PUT',
        body: { subject: 'Thư mời đánh giá CCHC 2026', body: 'Kính gửi {name}, …{link}' },
      },
    ])
    expect(invite.get('[role=status]').text()).toBe('Đã lưu.')
    expect(wrapper.get('[data-testid=invitation-text-remind]').find('[role=status]').exists()).toBe(false)
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('keeps what was typed and says nothing was saved when the server refuses it', async () => {
    const { wrapper, failures } = editor(400)
    const invite = wrapper.get('[data-testid=invitation-text-invite]')
    await invite.get('[data-testid=invitation-subject]').setValue('x'.repeat(150))
    await invite.get('[data-testid=invitation-save]').trigger('click')
    await flushPromises()
    expect(failures).toHaveLength(1)
    expect(String(failures[0])).toContain('Tiêu đề quá dài.')
    expect(invite.find('[role=status]').exists()).toBe(false)
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect((invite.get('[data-testid=invitation-subject]').element as HTMLInputElement).value).toBe('x'.repeat(150))
  })

  it('shows the texts anew when the page reloads the overview', async () => {
    const { wrapper } = editor()
    const texts = { ...overview.texts, invite: { subject: 'Tiêu đề mới', body: 'Nội dung mới', custom: true } }
    await wrapper.setProps({ overview: { ...overview, texts } })
    const invite = wrapper.get('[data-testid=invitation-text-invite]')
    expect((invite.get('[data-testid=invitation-subject]').element as HTMLInputElement).value).toBe('Tiêu đề mới')
    expect(invite.get('summary').text()).toBe('Thư mời — Đang dùng nội dung đã sửa.')
  })
})
