import { describe, expect, it } from 'vitest'
import { criteriaTree, findCriterion, isLeaf, leafCriteria } from './criteria-tree.ts'
import type { Criterion } from './schema.ts'

const label = (text: string) => ({ vi: text, en: text })
const leaf = (id: string, maxPoints = 1): Criterion => ({ id, label: label(id), maxPoints })
const criteria: Criterion[] = [
  {
    id: 'D1',
    label: label('D1'),
    children: [leaf('D1.1'), { id: 'D1.2', label: label('D1.2'), children: [leaf('D1.2.1'), leaf('D1.2.2')] }],
  },
  leaf('D2', 3),
]

describe('the criteria tree', () => {
  it('lists every criterion parent first, with its depth, parent, domain, place in the file and leaves', () => {
    const nodes = criteriaTree(criteria)
    expect(nodes.map((n) => [n.criterion.id, n.depth, n.parentId, n.root.id, n.path, n.leafIds])).toEqual([
      ['D1', 0, null, 'D1', 'criteria[0]', ['D1.1', 'D1.2.1', 'D1.2.2']],
      ['D1.1', 1, 'D1', 'D1', 'criteria[0].children[0]', ['D1.1']],
      ['D1.2', 1, 'D1', 'D1', 'criteria[0].children[1]', ['D1.2.1', 'D1.2.2']],
      ['D1.2.1', 2, 'D1.2', 'D1', 'criteria[0].children[1].children[0]', ['D1.2.1']],
      ['D1.2.2', 2, 'D1.2', 'D1', 'criteria[0].children[1].children[1]', ['D1.2.2']],
      ['D2', 0, null, 'D2', 'criteria[1]', ['D2']],
    ])
  })

  it('reads the leaves in tree order, a domain without children being a leaf itself', () => {
    expect(leafCriteria(criteria).map((c) => c.id)).toEqual(['D1.1', 'D1.2.1', 'D1.2.2', 'D2'])
    expect(isLeaf({ id: 'x', label: label('x'), children: [] })).toBe(true)
    expect(isLeaf(criteria[0]!)).toBe(false)
  })

  it('finds a criterion at any depth, and nothing for an unknown id', () => {
    expect(findCriterion(criteria, 'D1.2.2')?.maxPoints).toBe(1)
    expect(findCriterion(criteria, 'D2')?.maxPoints).toBe(3)
    expect(findCriterion(criteria, 'D9')).toBeUndefined()
  })
})
