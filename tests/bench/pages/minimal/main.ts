// The lower bound: one hand-written Vue component, every question as a fieldset of radios.
import { createApp, defineComponent, h, reactive } from 'vue'
import { form } from '../form.ts'

const Form = defineComponent(() => {
  const answers = reactive<Record<string, string>>({})
  return () =>
    h('form', form.questions.map((q) =>
      h('fieldset', { key: q.id }, [
        h('legend', q.text),
        ...q.options.map((o) =>
          h('label', { key: o.value }, [
            h('input', { type: 'radio', name: q.id, value: o.value, checked: answers[q.id] === o.value, onChange: () => (answers[q.id] = o.value) }),
            o.label,
          ]),
        ),
      ]),
    ))
})
createApp(Form).mount('#app')
