/** A UUID v4 in either letter case (RFC 9562: the hex digits are case-insensitive). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/**
 * The one form of a response id that is compared, hashed and stored: lower case. A UUID names
 * the same response whatever the case of its letters, so `ABC…` and `abc…` must meet at one
 * primary key (docs/sync.md, "Ids"). Every id from outside (a response, a route parameter)
 * passes through here before it is looked up.
 */
export const responseIdKey = (id: string): string => id.toLowerCase()
