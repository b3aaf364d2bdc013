import { describe, expect, it } from 'vitest'
import { paperSerialKey } from './paper-serial.ts'

describe('paper serial key', () => {
  it('is one key for a serial typed with any case, spaces, dashes, dots or slashes', () => {
    const typed = ['BK-0012', 'bk 0012', 'bk-0012', ' BK.0012 ', 'bk_00/12', 'BK–0012', 'BK\u00a00012', 'BK−0012']
    expect(new Set(typed.map(paperSerialKey))).toEqual(new Set(['BK0012']))
  })

  it('folds full-width characters typed on an East Asian keyboard', () => {
    expect(paperSerialKey('ＢＫ－００１２')).toBe('BK0012')
  })

  it('keeps what tells two forms apart: digits, leading zeros, Vietnamese letters', () => {
    expect(paperSerialKey('BK-0012')).not.toBe(paperSerialKey('BK-0013'))
    expect(paperSerialKey('BK-0012')).not.toBe(paperSerialKey('BK-12'))
    expect(paperSerialKey('đ-01')).toBe('Đ01')
    expect(paperSerialKey('Đ-01')).not.toBe(paperSerialKey('D-01'))
  })

  it('is empty when nothing but separators was typed', () => {
    expect(paperSerialKey(' - . ')).toBe('')
  })
})
