import { formatVietnamTime, parseVietnamInstant, toVietnamLocal } from './vietnam-time';

describe('Vietnam time', () => {
  it.each([
    // dd/mm/yyyy first, as people write dates and as the CLI and the dashboard show them
    ['19/3/2024', '2024-03-19T00:00:00+07:00'],
    ['19/03/2024 08:30', '2024-03-19T08:30:00+07:00'],
    ['1/7/2024 00:05:09', '2024-07-01T00:05:09+07:00'],
    ['14:05 19/3/2024', '2024-03-19T14:05:00+07:00'],
    // ISO 8601, with or without a zone (the datetime-local control sends 2024-06-01T10:00)
    ['2024-06-01T10:00', '2024-06-01T10:00:00+07:00'],
    ['2024-07-01 08:30:15.5', '2024-07-01T08:30:15.5+07:00'],
    ['2024-07-01', '2024-07-01T00:00:00+07:00'],
    ['2024-07-01T01:30:00Z', '2024-07-01T01:30:00Z'],
    [' 2024-07-01T08:30:00+07:00 ', '2024-07-01T08:30:00+07:00'],
  ])('reads %s as %s', (text, value) => {
    expect(parseVietnamInstant(text)).toEqual({ value });
  });

  it('reads a typed instant back as it was shown', () => {
    const shown = formatVietnamTime('2024-06-30T17:05:09.000Z');
    const read = parseVietnamInstant(shown);
    expect('value' in read && new Date(read.value).toISOString()).toBe('2024-06-30T17:05:09.000Z');
  });

  it.each([
    ['yesterday', 'format'],
    ['2024/07/01', 'format'],
    ['3/19/2024 25:00', 'calendar'],
    ['30/2/2024', 'calendar'],
    ['2024-02-30T10:00Z', 'calendar'],
    ['2024-07-01T24:00', 'calendar'],
    ['2024-13-01', 'calendar'],
  ])('refuses %s (%s)', (text, error) => {
    expect(parseVietnamInstant(text)).toEqual({ error });
  });

  it('shows an instant as a datetime-local control does, on Vietnamese clocks', () => {
    expect(toVietnamLocal('2024-06-01T03:00:00.000Z')).toBe('2024-06-01T10:00');
  });
});
