/**
 * Value types every subgraph returns the same way. Federation needs them declared in each subgraph
 * (and @shareable); declaring them once here keeps the five copies identical by construction.
 * Each subgraph's schema.graphql must import @shareable in its @link.
 */
export const sharedTypeDefs = /* GraphQL */ `
  """
  日期 YYYY-MM-DD / a calendar date, YYYY-MM-DD, no time zone
  """
  scalar Date

  """
  个人信息字段：按角色脱敏，明文读取留痕 / personal data: masked unless the caller's role allows it; unmasked reads are audited
  """
  directive @personal(kind: PersonalKind!) on FIELD_DEFINITION

  """
  个人信息类别 / kind of personal data
  """
  enum PersonalKind {
    "身份证号 / resident ID number"
    ID_NUMBER
    "手机号 / phone number"
    PHONE
    "姓名 / name"
    NAME
  }

  """
  计数指标及上年同期 / a count with the same figure one year earlier
  """
  type CountFigure @shareable {
    "本期值 / this period"
    value: Float!
    "上年同期 / the same figure a year earlier"
    previousYear: Float!
    "增减 / value − previousYear"
    change: Float!
    "同比增长率(%)，上年为0时为空 / growth in percent, one decimal; null when last year was 0"
    growthPct: Float
  }

  """
  比率的一个时点 / a rate at one point: percent (one decimal) with its numerator and denominator
  """
  type RatePoint @shareable {
    "百分比，分母为0时为空 / percent, null when the denominator is 0"
    pct: Float
    numerator: Int!
    denominator: Int!
  }

  """
  比率指标及上年同期 / a rate with its numerator, denominator and the same rate a year earlier
  """
  type RateFigure @shareable {
    pct: Float
    numerator: Int!
    denominator: Int!
    "上年同期 / a year earlier"
    previousYear: RatePoint!
    "较上年增减的百分点 / change in percentage points"
    changePoints: Float
  }

  """
  分页信息 / page information for cursor pagination
  """
  type PageInfo @shareable {
    hasNextPage: Boolean!
    endCursor: String
  }

  """
  排序方向 / sort direction
  """
  enum SortDirection {
    ASC
    DESC
  }

  """
  审计记录 / an audit trail entry: a mutation or an unmasked read of personal data
  """
  type AuditEntry @shareable {
    id: ID!
    at: String!
    subject: String!
    roles: String!
    "MUTATION 或 PERSONAL_READ"
    kind: String!
    operation: String!
    target: String
    "参数（个人信息已脱敏）/ arguments, personal data masked"
    args: String
    outcome: String!
  }
`;
