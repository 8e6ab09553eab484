export { ident, type Queryable } from '@district/common';
