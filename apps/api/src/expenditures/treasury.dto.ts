import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TREASURY_COMMITMENTS, type TreasuryCommitment } from '@app/budgeting';
import { IsBusinessDate, IsVisibleText } from '../http/validation';

/** The payment dossier sent to the State Treasury (Kho bạc Nhà nước). */
export class SendToTreasuryDto {
  /** The dossier's id (mã hồ sơ) as the Treasury's service gave it. */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) dossier!: string;
  /** The day the dossier was sent: not before the approval (or the last refusal). */
  @IsBusinessDate() sentOn!: string;
  /** The Treasury office it went to, e.g. `KBNN Ba Tơ`. */
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) treasuryOffice?: string;
}

/** The Treasury paid: its payment order and the day paid. */
export class TreasuryAcceptanceDto {
  /** Số lệnh chi / ủy nhiệm chi: becomes the payment's voucher. */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) paymentOrder!: string;
  @IsBusinessDate() paidOn!: string;
  /** The dossier answered; when given it must be the one at the Treasury. */
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) dossier?: string;
}

/** The Treasury refused: why, when, and whether the commitment is kept to resend or released. */
export class TreasuryRefusalDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsBusinessDate() refusedOn!: string;
  /** `kept`: the unit corrects the dossier and sends it again; `released`: the payment ends. */
  @IsIn(TREASURY_COMMITMENTS) commitment!: TreasuryCommitment;
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) dossier?: string;
}
