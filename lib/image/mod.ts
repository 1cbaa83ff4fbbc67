/**
 * Images of digits: bytes, enlargement, contact sheets, PNG. Browser-safe.
 *
 * @module
 */
export { digitToGray, type GrayImage, toByte } from "./gray_image.ts";
export { contactSheet, type SheetOptions } from "./contact_sheet.ts";
export { encodeGrayPng } from "./png.ts";
export { lumaFromChannels, type LumaImage } from "./luma_image.ts";
export { prepareDigit } from "./prepare_digit.ts";
