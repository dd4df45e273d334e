import type { FormProps } from 'antd';

type ValidateMessages = NonNullable<FormProps['validateMessages']>;

/**
 * What the console's forms say when an answer is refused, in plain Vietnamese: the field's label and what is wrong,
 * never a regular expression or a type name ("không thỏa mãn mẫu kiểm tra ^\d{12}$", "không phải kiểu email" were
 * antd's words). A rule with its own `message` keeps it; these are the defaults for every other rule.
 */
export const validateMessagesVi: ValidateMessages = {
  default: '${label} không hợp lệ.',
  required: '${label} là thông tin bắt buộc.',
  enum: '${label} phải là một trong các lựa chọn cho phép.',
  whitespace: '${label} không được để trống.',
  date: {
    format: '${label} không đúng định dạng ngày (ngày/tháng/năm).',
    parse: '${label} không đọc được thành ngày.',
    invalid: '${label} không phải một ngày hợp lệ.',
  },
  types: {
    string: '${label} phải là chữ.',
    method: '${label} không hợp lệ.',
    array: '${label} không hợp lệ.',
    object: '${label} không hợp lệ.',
    number: '${label} phải là một số.',
    date: '${label} không phải một ngày hợp lệ.',
    boolean: '${label} không hợp lệ.',
    integer: '${label} phải là số nguyên.',
    float: '${label} phải là một số.',
    regexp: '${label} không hợp lệ.',
    email: '${label} không phải địa chỉ thư điện tử hợp lệ (ví dụ: ten@gmail.com).',
    url: '${label} không phải địa chỉ trang web hợp lệ.',
    hex: '${label} không hợp lệ.',
  },
  string: {
    len: '${label} phải có đúng ${len} ký tự.',
    min: '${label} cần ít nhất ${min} ký tự.',
    max: '${label} không được dài quá ${max} ký tự.',
    range: '${label} phải dài từ ${min} đến ${max} ký tự.',
  },
  number: {
    len: '${label} phải bằng ${len}.',
    min: '${label} không được nhỏ hơn ${min}.',
    max: '${label} không được lớn hơn ${max}.',
    range: '${label} phải từ ${min} đến ${max}.',
  },
  array: {
    len: '${label}: cần chọn đúng ${len} mục.',
    min: '${label}: cần chọn ít nhất ${min} mục.',
    max: '${label}: chỉ được chọn tối đa ${max} mục.',
    range: '${label}: cần chọn từ ${min} đến ${max} mục.',
  },
  pattern: {
    mismatch: '${label} không đúng định dạng.',
  },
};

/** The English console's defaults, in the same plain words. */
export const validateMessagesEn: ValidateMessages = {
  default: '${label} is not valid.',
  required: '${label} is required.',
  enum: '${label} must be one of the allowed choices.',
  whitespace: '${label} cannot be blank.',
  types: { email: '${label} is not a valid e-mail address.', number: '${label} must be a number.', integer: '${label} must be a whole number.' },
  pattern: { mismatch: '${label} is not in the expected format.' },
};
