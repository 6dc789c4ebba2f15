import type { SeedQuestion } from '../types'

/** Fictional questions from members of the demo chi bộ, in every workflow state. */
export const questions: SeedQuestion[] = [
  {
    title: 'Thủ tục chuyển sinh hoạt đảng chính thức khi chuyển nơi cư trú',
    topic: 'Chuyển sinh hoạt đảng',
    question:
      'Gia đình tôi sắp chuyển đến một phường thuộc tỉnh khác sinh sống lâu dài. Tôi cần làm những thủ tục gì để chuyển sinh hoạt đảng chính thức, và có phải tự mang hồ sơ đảng viên đi không?',
    unit: 2,
    audience: 'members',
    state: 'published',
    isFaq: true,
    answer: [
      'Khi chuyển nơi cư trú lâu dài sang đảng bộ khác, đồng chí làm thủ tục chuyển sinh hoạt đảng chính thức theo các bước sau:',
      '- Báo cáo với chi ủy (hoặc bí thư chi bộ) về việc chuyển nơi cư trú, kèm giấy tờ chứng minh nơi ở mới.',
      '- Chi bộ đề nghị lên cấp ủy cấp trên; Ban Tổ chức Quận ủy kiểm tra hồ sơ, làm giấy giới thiệu sinh hoạt đảng và chuyển hồ sơ đảng viên theo quy định.',
      '- Đồng chí nộp giấy giới thiệu cho tổ chức đảng nơi chuyển đến đúng thời hạn ghi trong giấy.',
      'Hồ sơ đảng viên được niêm phong; đồng chí có thể được giao trực tiếp mang theo hoặc hồ sơ được chuyển theo đường công văn, tùy hướng dẫn của Ban Tổ chức.',
      '> Lưu ý: quá thời hạn mà không nộp giấy giới thiệu, không có lý do chính đáng thì tổ chức đảng sẽ xem xét xử lý theo quy định của Điều lệ Đảng.',
    ],
  },
  {
    title: 'Mức đóng đảng phí của đảng viên đã nghỉ hưu',
    topic: 'Đảng phí',
    question:
      'Tôi đã nghỉ hưu và chuyển về sinh hoạt tại chi bộ khu phố. Mức đóng đảng phí hằng tháng của tôi được tính như thế nào? Tôi có thể đóng cả năm một lần không?',
    unit: 3,
    audience: 'members',
    state: 'published',
    isFaq: true,
    answer: [
      'Theo quy định hiện hành, đảng viên hưởng lương hưu đóng đảng phí bằng 0,5% mức lương hưu hằng tháng.',
      'Đảng phí được đóng hằng tháng tại chi bộ. Trường hợp đảng viên có hoàn cảnh đặc biệt (đi chữa bệnh, đi thăm con ở xa…) có thể báo cáo chi bộ để đóng trước hoặc đóng bù, nhưng việc đóng cả năm một lần không phải là cách làm thường xuyên.',
      '- Chi bộ ghi sổ thu đảng phí và công khai trong kỳ sinh hoạt.',
      '- Đảng viên tự nguyện đóng cao hơn mức quy định được ghi nhận.',
      'Đồng chí có thể xem thêm Bảng tra cứu nhanh mức đóng đảng phí trong mục Tài liệu tham khảo của Sổ tay.',
    ],
  },
  {
    title: 'Trường hợp nào đảng viên được xem xét miễn công tác và sinh hoạt đảng?',
    topic: 'Sinh hoạt chi bộ',
    question:
      'Bố tôi năm nay 82 tuổi, sức khỏe yếu, đi lại khó khăn. Gia đình muốn làm đơn xin cho bố được miễn sinh hoạt đảng. Xin hỏi thủ tục như thế nào?',
    unit: 5,
    audience: 'members',
    state: 'published',
    isFaq: true,
    answer: [
      'Theo Điều lệ Đảng, đảng viên tuổi cao, sức khỏe yếu hoặc có hoàn cảnh đặc biệt khó khăn có thể làm đơn xin giảm, miễn công tác và sinh hoạt đảng.',
      '## Thủ tục',
      '- Đảng viên làm đơn (nếu không tự viết được thì người thân viết giúp, đảng viên ký hoặc điểm chỉ) gửi chi bộ.',
      '- Chi bộ xem xét, quyết định tại kỳ sinh hoạt và báo cáo cấp ủy cấp trên.',
      'Đảng viên được miễn sinh hoạt vẫn được chi bộ thông báo tình hình, gửi tài liệu, thăm hỏi và được dự sinh hoạt khi có điều kiện. Chi bộ vẫn đánh giá, xếp loại đối với đảng viên này theo hướng dẫn hằng năm.',
    ],
  },
  {
    title: 'Cách đăng nhập và tra cứu văn bản trên Sổ tay',
    topic: 'Ứng dụng Sổ tay',
    question:
      'Tôi đã được chi bộ cấp tài khoản nhưng quên mật khẩu. Ngoài ra, làm thế nào để tìm nhanh một nghị quyết khi chỉ nhớ vài chữ trong tên?',
    unit: 1,
    audience: 'public',
    state: 'published',
    isFaq: true,
    answer: [
      '## Quên mật khẩu',
      'Chọn “Quên mật khẩu” ở màn hình đăng nhập và làm theo hướng dẫn gửi về thư điện tử đã đăng ký. Nếu chưa đăng ký thư điện tử, đồng chí liên hệ bí thư chi bộ để Văn phòng Quận ủy cấp lại mật khẩu.',
      '## Tra cứu văn bản',
      '- Gõ vài từ trong tên văn bản vào ô tìm kiếm; có thể gõ không dấu, ví dụ “sinh hoat chi bo”.',
      '- Tìm theo số, ký hiệu, ví dụ “11-NQ/QU”.',
      '- Lọc theo loại văn bản, cơ quan ban hành hoặc năm ban hành.',
      'Văn bản đã hết hiệu lực hoặc đã được thay thế vẫn tra cứu được và có đường dẫn đến văn bản mới.',
    ],
  },
  {
    title: 'Quần chúng muốn được xem xét kết nạp vào Đảng cần chuẩn bị gì?',
    topic: 'Kết nạp đảng viên',
    question:
      'Tôi là giáo viên, 29 tuổi, mong muốn được phấn đấu trở thành đảng viên. Tôi cần đáp ứng những điều kiện gì và bắt đầu từ đâu?',
    unit: 4,
    audience: 'public',
    state: 'published',
    isFaq: true,
    answer: [
      'Rất trân trọng mong muốn phấn đấu vào Đảng của đồng chí. Về cơ bản, quá trình gồm các bước sau:',
      '- Tích cực phấn đấu trong công tác, được chi bộ phân công đảng viên chính thức giúp đỡ.',
      '- Tham dự và được cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.',
      '- Viết đơn tự nguyện xin vào Đảng, khai lý lịch của người xin vào Đảng và được thẩm tra lý lịch.',
      '- Được đảng viên chính thức hoặc tổ chức đoàn, công đoàn giới thiệu theo quy định.',
      'Đồng chí nên trao đổi trực tiếp với bí thư Chi bộ Trường THCS Hòa Bình để được hướng dẫn cụ thể và đưa vào danh sách quần chúng ưu tú của chi bộ.',
    ],
  },
  {
    title: 'Học tập nghị quyết qua hình thức trực tuyến có được công nhận không?',
    topic: 'Học tập nghị quyết',
    question:
      'Tôi làm việc theo ca nên không dự được hội nghị học tập nghị quyết tại Hội trường Quận ủy. Nếu học qua tài liệu trên Sổ tay và nộp bài thu hoạch thì có được tính là đã tham gia học tập không?',
    unit: 5,
    audience: 'members',
    state: 'published',
    isFaq: true,
    answer: [
      'Theo Hướng dẫn số 03-HD/BTGDV của Ban Tuyên giáo và Dân vận Quận ủy, đảng viên có lý do chính đáng không dự được hội nghị trực tiếp thì được học qua điểm cầu trực tuyến hoặc qua tài liệu do chi bộ chuyển đến.',
      '## Điều kiện công nhận',
      '- Báo cáo chi ủy lý do vắng mặt trước khi hội nghị diễn ra.',
      '- Nghiên cứu đầy đủ tài liệu và nộp bài thu hoạch đúng thời hạn chi bộ đề ra.',
      'Chi bộ tổng hợp và báo cáo kết quả học tập của đồng chí cùng với các đảng viên khác.',
    ],
  },
  {
    title: 'Mỗi năm chi bộ phải sinh hoạt chuyên đề bao nhiêu lần?',
    topic: 'Sinh hoạt chi bộ',
    question:
      'Chi bộ khu phố chúng tôi năm nay mới kiện toàn chi ủy. Xin hỏi sinh hoạt chuyên đề tối thiểu mấy lần mỗi năm và có thể kết hợp với sinh hoạt thường kỳ không?',
    unit: 2,
    audience: 'members',
    state: 'answered',
    isFaq: false,
    answer: [
      'Chi bộ sinh hoạt thường kỳ mỗi tháng một lần và sinh hoạt chuyên đề ít nhất mỗi quý một lần.',
      'Buổi sinh hoạt chuyên đề có thể tổ chức cùng ngày với sinh hoạt thường kỳ nhưng phải tách thành hai phần rõ ràng, có biên bản riêng. Chi ủy nên xây dựng kế hoạch chuyên đề cả năm ngay từ đầu năm theo Nghị quyết số 11-NQ/QU.',
    ],
  },
  {
    title: 'Có thể nộp đảng phí bằng chuyển khoản không?',
    topic: 'Đảng phí',
    question:
      'Tôi thường xuyên đi công tác xa. Xin hỏi tôi có thể chuyển khoản đảng phí hằng tháng cho chi bộ không, và cần ghi nội dung chuyển khoản như thế nào?',
    unit: 3,
    audience: 'members',
    state: 'answered',
    isFaq: false,
    answer: [
      'Theo Quy định số 04-QĐ/QU, đảng viên được nộp đảng phí qua tài khoản do chi bộ thông báo.',
      '- Nội dung chuyển khoản ghi rõ: họ và tên, tên chi bộ, tháng nộp đảng phí.',
      '- Đồng chí báo cho đồng chí chi ủy viên phụ trách thu đảng phí để ghi sổ.',
      'Chi bộ vẫn công khai tình hình thu, nộp đảng phí trong kỳ sinh hoạt như đối với hình thức nộp trực tiếp.',
    ],
  },
  {
    title: 'Sổ tay có xem được văn bản khi không có kết nối mạng?',
    topic: 'Ứng dụng Sổ tay',
    question:
      'Điểm sinh hoạt của chi bộ chúng tôi sóng điện thoại rất yếu. Sổ tay có cho phép tải văn bản về máy để xem khi không có mạng không?',
    unit: 1,
    audience: 'members',
    state: 'new',
    isFaq: false,
  },
  {
    title: 'Hồ sơ đề nghị tặng Huy hiệu Đảng gồm những gì?',
    topic: 'Huy hiệu Đảng',
    question:
      'Năm nay chi bộ có hai đồng chí đủ 40 năm tuổi đảng. Chi bộ cần chuẩn bị hồ sơ gì và gửi lên cấp trên trước thời điểm nào để kịp trao Huy hiệu vào dịp 3/2 năm sau?',
    unit: 3,
    audience: 'members',
    state: 'new',
    isFaq: false,
  },
  {
    title: 'Thời hạn nộp bản kiểm điểm cuối năm của đảng viên sinh hoạt tạm thời',
    topic: 'Đánh giá, xếp loại đảng viên',
    question:
      'Tôi đang sinh hoạt tạm thời tại Chi bộ Trung tâm Y tế quận, sinh hoạt chính thức ở đảng bộ khác. Cuối năm tôi nộp bản tự kiểm điểm ở đâu và khi nào, chi bộ nơi sinh hoạt tạm thời có nhận xét không?',
    unit: 5,
    audience: 'members',
    state: 'assigned',
    isFaq: false,
  },
  {
    title: 'Phản ánh tiếng ồn karaoke kéo dài ở khu phố',
    topic: 'Khác',
    question:
      'Nhiều tối một số hộ trong ngõ hát karaoke đến quá 23 giờ, ảnh hưởng đến giấc ngủ của người già, trẻ nhỏ. Đề nghị Quận ủy xử lý.',
    unit: 2,
    audience: 'members',
    state: 'rejected',
    isFaq: false,
  },
]
