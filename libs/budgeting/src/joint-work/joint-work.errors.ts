import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';

const vn = formatVietnameseDate;

/** Days as people read them: 19/3/2024 or 19/3/2024–21/3/2024. */
export function formatDays(from: string, to: string, lang: 'vi' | 'en'): string {
  if (from === to) return lang === 'vi' ? vn(from) : from;
  return lang === 'vi' ? `${vn(from)}–${vn(to)}` : `${from} to ${to}`;
}

export const jointWorkErrors = {
  leadOutsideYear: (field: string, date: string, year: number) =>
    new DomainError(
      'LEAD_AGENCY.OUTSIDE_YEAR',
      'validation',
      {
        vi: `${field}: ngày ${vn(date)} nằm ngoài năm ngân sách ${year}`,
        en: `${field}: ${date} is outside fiscal year ${year}`,
      },
      { field, date, fiscalYear: String(year) },
    ),
  leadOverlaps: (unit: string, other: { unit: string; validFrom: string; decision: string }) =>
    new DomainError(
      'LEAD_AGENCY.PERIOD_OVERLAPS',
      'conflict',
      {
        vi: `validFrom: thời kỳ chủ trì của ${unit} chồng lên thời kỳ của ${other.unit} (từ ${vn(other.validFrom)}, theo ${other.decision}); mỗi ngày chỉ có một cơ quan chủ trì`,
        en: `validFrom: ${unit}'s lead period overlaps ${other.unit}'s (from ${other.validFrom}, under ${other.decision}); one lead agency a day`,
      },
      { field: 'validFrom', unit: other.unit, decision: other.decision },
    ),
  unitUnknown: (field: string, unit: string, on: string) =>
    new DomainError(
      'UNIT.NOT_REGISTERED',
      'not_found',
      {
        vi: `${field}: đơn vị ${unit} chưa được đăng ký hoặc không còn hiệu lực ngày ${vn(on)}`,
        en: `${field}: unit ${unit} is not registered or not in force on ${on}`,
      },
      { field, code: unit, on },
    ),
  tripConflict: (tripId: string) =>
    new DomainError(
      'TRIP.ALREADY_RECORDED',
      'conflict',
      {
        vi: `Chuyến công tác ${tripId} đã được ghi nhận với nội dung khác`,
        en: `Trip ${tripId} is already recorded with other content`,
      },
      { field: 'tripId', tripId },
    ),
  tripUnknown: (tripId: string) =>
    new DomainError(
      'TRIP.NOT_RECORDED',
      'not_found',
      {
        vi: `jointTrip.tripId: chưa ghi nhận chuyến công tác ${tripId}`,
        en: `jointTrip.tripId: trip ${tripId} is not recorded`,
      },
      { field: 'jointTrip.tripId', tripId },
    ),
  datesOutOfOrder: (field: string, from: string, to: string) =>
    new DomainError(
      'TRIP.DATES_OUT_OF_ORDER',
      'validation',
      {
        vi: `${field}: ngày về ${vn(to)} trước ngày đi ${vn(from)}`,
        en: `${field}: the return ${to} is before the departure ${from}`,
      },
      { field, from, to },
    ),
  orderAfterDeparture: (issuedOn: string, from: string) =>
    new DomainError(
      'TRIP.ORDER_AFTER_DEPARTURE',
      'validation',
      {
        vi: `travelOrder.issuedOn: lệnh điều động ngày ${vn(issuedOn)} sau ngày đi ${vn(from)}`,
        en: `travelOrder.issuedOn: the travel order of ${issuedOn} is dated after the departure ${from}`,
      },
      { field: 'travelOrder.issuedOn', issuedOn, from },
    ),
  noMembers: () =>
    new DomainError(
      'VALIDATION.REQUIRED',
      'validation',
      {
        vi: 'members: đoàn phải có ít nhất một thành viên',
        en: 'members: a team has at least one member',
      },
      { field: 'members' },
    ),
  memberTwice: (field: string, personId: string) =>
    new DomainError(
      'TRIP.MEMBER_DUPLICATE',
      'validation',
      {
        vi: `${field}: ${personId} có tên hai lần trong đoàn`,
        en: `${field}: ${personId} is listed twice`,
      },
      { field, personId },
    ),
  tripRequired: () =>
    new DomainError(
      'TRIP.REQUIRED',
      'rule',
      {
        vi: 'jointTrip: công tác phí của đoàn liên ngành phải nêu chuyến công tác đã ghi nhận (đoàn, thành viên, ngày, lệnh điều động) và người đi',
        en: "jointTrip: a joint team's travel names its recorded trip (team, members, dates, travel order) and who travelled",
      },
      { field: 'jointTrip' },
    ),
  notMember: (field: string, personId: string, tripId: string) =>
    new DomainError(
      'TRIP.NOT_A_MEMBER',
      'rule',
      {
        vi: `${field}: ${personId} không có tên trong đoàn của chuyến ${tripId}`,
        en: `${field}: ${personId} is not a member of trip ${tripId}'s team`,
      },
      { field, personId, tripId },
    ),
  outsideTrip: (field: string, from: string, to: string, trip: { from: string; to: string }) =>
    new DomainError(
      'TRIP.DAYS_OUTSIDE_TRIP',
      'rule',
      {
        vi: `${field}: ngày ${formatDays(from, to, 'vi')} nằm ngoài thời gian chuyến công tác (${formatDays(trip.from, trip.to, 'vi')})`,
        en: `${field}: ${formatDays(from, to, 'en')} falls outside the trip (${formatDays(trip.from, trip.to, 'en')})`,
      },
      { field, from, to, tripFrom: trip.from, tripTo: trip.to },
    ),
  perDiemBeyondTravellers: (claimed: number, named: number) =>
    new DomainError(
      'TRIP.PER_DIEM_BEYOND_TRAVELLERS',
      'rule',
      {
        vi: `normClaim: phụ cấp lưu trú đề nghị cho ${claimed} ngày-người, nhiều hơn ${named} ngày-người của những người đi được nêu`,
        en: `normClaim: per-diem claimed for ${claimed} person-days, more than the ${named} person-days of the travellers named`,
      },
      { field: 'normClaim', claimed: String(claimed), named: String(named) },
    ),
  /**
   * A person's day claimed twice: on the trip's stream (`other` a claim on the same trip),
   * or on the person's own stream (`other` names its trip, which may be another one).
   */
  personDaysTaken: (
    person: { personId: string; name: string },
    from: string,
    to: string,
    other: { expenditureId: string; unit: string; tripId?: string },
  ) => {
    const trip = other.tripId;
    return new DomainError(
      'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
      'conflict',
      {
        vi: `Ngày ${formatDays(from, to, 'vi')} của ${person.name} (${person.personId}) đã được đề nghị thanh toán trong khoản chi ${other.expenditureId} của đơn vị ${other.unit}${trip ? `, chuyến công tác ${trip}` : ''}: một ngày công tác của một người không thanh toán hai lần${trip ? ', dù trên hai chuyến' : ''}`,
        en: `${person.name} (${person.personId})'s days ${formatDays(from, to, 'en')} are already claimed by expenditure ${other.expenditureId} of unit ${other.unit}${trip ? `, on trip ${trip}` : ''}: one person's day of travel is not paid twice${trip ? ', even on two trips' : ''}`,
      },
      {
        field: 'jointTrip.travellers',
        personId: person.personId,
        from,
        to,
        expenditureId: other.expenditureId,
        unit: other.unit,
        ...(trip ? { tripId: trip } : {}),
      },
    );
  },
};
