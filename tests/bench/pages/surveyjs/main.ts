// The peer: the same form rendered by SurveyJS (survey-core + survey-vue3-ui), one page, radio groups.
import { Model } from 'survey-core'
import 'survey-core/survey-core.css'
import { SurveyComponent, surveyPlugin } from 'survey-vue3-ui'
import { createApp, h } from 'vue'
import { form } from '../form.ts'

const model = new Model({
  pages: [
    {
      elements: form.questions.map((q) => ({
        type: 'radiogroup',
        name: q.id,
        title: q.text,
        choices: q.options.map((o) => ({ value: o.value, text: o.label })),
      })),
    },
  ],
})
createApp({ render: () => h(SurveyComponent, { model }) }).use(surveyPlugin).mount('#app')
