# ruff: noqa: E501 - long Vietnamese prose is kept one paragraph per line so it stays easy to edit.
"""Demo content of Trường Tiểu học Nguyễn Khuyến (Cầu Đất, quận Ngô Quyền, Hải Phòng).

Pure data, no Django imports: the seeding code (``cms.demo.seed``) turns it into accounts, sections and
articles, and plain tests can check it without a database. All text is Vietnamese in Unicode NFC.

``SCHOOL``
    Name and contacts. ``managing_body`` is the direct managing body (one string, as in
    ``SchoolSettings``); ``managing_bodies`` lists every body above the school. ``place_name`` is the
    place written before the date of documents ("Cầu Đất, ngày … tháng … năm …"). The phone number is a
    demo value: replace it with the school's real one.

``PEOPLE``
    The demo accounts, one per role of Quy chế 39/QC-THNK. ``first_name`` is the given name and
    ``last_name`` the family and middle names, so ``full_name == f"{last_name} {first_name}"``.
    ``department`` (tổ chuyên môn), ``class_name`` (lớp) and ``union`` (đoàn thể) say where a person
    belongs, which is how reviewers are found from an author; ``None`` when not applicable.

``SECTIONS``
    The four news sections (chuyên mục); ``key`` is what ``ARTICLES[i]["section"]`` refers to.

``ARTICLES``
    News of school year 2025–2026 and the start of 2026–2027, oldest first. ``author_username`` is the
    account that wrote the article (its moderation route follows from that person); ``author_name`` and
    ``author_position`` form the byline shown on the article. ``body`` is a list of ``(kind, value)``
    blocks matching ``cms.news.blocks.ArticleBodyBlock``:

    - ``("paragraph", str)``: plain text, no HTML (no ``<``, ``>`` or ``&``), so it can be escaped and
      wrapped in ``<p>``. In poems each paragraph is a stanza whose lines are separated by ``"\\n"``:
      render them as ``<br>``.
    - ``("quote", {"text": str, "attribution": str})``
    - ``("image", {"caption": str})``: an illustration to generate (see ``cms.demo.images``); the
      caption doubles as alt text.

    ``cover_caption`` describes the cover image and ``image_motif`` (one of ``cms.demo.images.MOTIFS``)
    chooses the drawing of the generated cover.
"""

SCHOOL = {
    "name": "Trường Tiểu học Nguyễn Khuyến",
    "short_name": "THNK",
    "address": "Phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng",
    "place_name": "Cầu Đất",
    "phone": "0225 3000 000",
    "email": "vanphong@thnk.edu.vn",
    "website": "https://thnk.edu.vn",
    "principal": "Phạm Văn Tuấn",
    "managing_body": "Phòng GD&ĐT quận Ngô Quyền",
    "managing_bodies": ["UBND quận Ngô Quyền", "Phòng GD&ĐT quận Ngô Quyền"],
}

PEOPLE = [
    {
        "username": "hieutruong",
        "full_name": "Phạm Văn Tuấn",
        "first_name": "Tuấn",
        "last_name": "Phạm Văn",
        "position": "Hiệu trưởng",
        "email": "phamvantuan@thnk.edu.vn",
        "department": None,
        "class_name": None,
        "union": None,
    },
    {
        "username": "phohieutruong",
        "full_name": "Nguyễn Thị Thu Hằng",
        "first_name": "Hằng",
        "last_name": "Nguyễn Thị Thu",
        "position": "Phó hiệu trưởng",
        "email": "nguyenthithuhang@thnk.edu.vn",
        "department": None,
        "class_name": None,
        "union": None,
    },
    {
        "username": "totruong1",
        "full_name": "Trần Thị Minh Nguyệt",
        "first_name": "Nguyệt",
        "last_name": "Trần Thị Minh",
        "position": "Tổ trưởng Tổ 1",
        "email": "tranthiminhnguyet@thnk.edu.vn",
        "department": "Tổ 1",
        "class_name": None,
        "union": None,
    },
    {
        "username": "giaovien1",
        "full_name": "Lê Thị Phương Thảo",
        "first_name": "Thảo",
        "last_name": "Lê Thị Phương",
        "position": "Giáo viên Tổ 1",
        "email": "lethiphuongthao@thnk.edu.vn",
        "department": "Tổ 1",
        "class_name": None,
        "union": None,
    },
    {
        "username": "gvcn1a",
        "full_name": "Vũ Thị Lan Anh",
        "first_name": "Anh",
        "last_name": "Vũ Thị Lan",
        "position": "Giáo viên chủ nhiệm lớp 1A",
        "email": "vuthilananh@thnk.edu.vn",
        "department": "Tổ 1",
        "class_name": "1A",
        "union": None,
    },
    {
        "username": "hocsinh1a",
        "full_name": "Hoàng Bảo Ngọc",
        "first_name": "Ngọc",
        "last_name": "Hoàng Bảo",
        "position": "Học sinh lớp 1A",
        "email": "hoangbaongoc.1a@thnk.edu.vn",
        "department": None,
        "class_name": "1A",
        "union": None,
    },
    {
        "username": "congdoan",
        "full_name": "Đặng Thị Hồng Nhung",
        "first_name": "Nhung",
        "last_name": "Đặng Thị Hồng",
        "position": "Chủ tịch Công đoàn",
        "email": "dangthihongnhung@thnk.edu.vn",
        "department": None,
        "class_name": None,
        "union": "Công đoàn",
    },
    {
        "username": "quantri",
        "full_name": "Bùi Đức Mạnh",
        "first_name": "Mạnh",
        "last_name": "Bùi Đức",
        "position": "Quản trị cổng TTĐT",
        "email": "buiducmanh@thnk.edu.vn",
        "department": None,
        "class_name": None,
        "union": None,
    },
    {
        "username": "vanthu",
        "full_name": "Ngô Thị Huyền",
        "first_name": "Huyền",
        "last_name": "Ngô Thị",
        "position": "Nhân viên văn thư",
        "email": "ngothihuyen@thnk.edu.vn",
        "department": "Tổ Văn phòng",
        "class_name": None,
        "union": None,
    },
    {
        "username": "thuthu",
        "full_name": "Đinh Thị Ngọc Mai",
        "first_name": "Mai",
        "last_name": "Đinh Thị Ngọc",
        "position": "Nhân viên thư viện",
        "email": "dinhthingocmai@thnk.edu.vn",
        "department": "Tổ Văn phòng",
        "class_name": None,
        "union": None,
    },
]

SECTIONS = [
    {
        "key": "tin_tuc",
        "title": "Tin tức – Sự kiện",
        "slug": "tin-tuc-su-kien",
        "intro": "Tin về các sự kiện nổi bật của nhà trường: tựu trường, khai giảng, lễ kỷ niệm, sơ kết và tổng kết năm học, cùng những thông tin cha mẹ học sinh cần biết.",
    },
    {
        "key": "chuyen_mon",
        "title": "Hoạt động chuyên môn",
        "slug": "hoat-dong-chuyen-mon",
        "intro": "Sinh hoạt chuyên môn, chuyên đề, hội giảng của các tổ chuyên môn; ứng dụng công nghệ thông tin trong dạy học và học liệu của thư viện nhà trường.",
    },
    {
        "key": "doi_cong_doan",
        "title": "Hoạt động Đội – Công đoàn",
        "slug": "hoat-dong-doi-cong-doan",
        "intro": "Hoạt động của Công đoàn cơ sở, Liên đội Thiếu niên Tiền phong Hồ Chí Minh và Chi đoàn giáo viên nhà trường.",
    },
    {
        "key": "goc_hoc_sinh",
        "title": "Góc học sinh",
        "slug": "goc-hoc-sinh",
        "intro": "Bài viết, bài thơ, tranh vẽ và những câu chuyện nhỏ của học sinh, được thầy cô chủ nhiệm hướng dẫn và giới thiệu.",
    },
]

ARTICLES = [
    {
        "section": "tin_tuc",
        "title": "Rộn ràng ngày tựu trường năm học 2025–2026",
        "slug": "ron-rang-ngay-tuu-truong-nam-hoc-2025-2026",
        "date": "2025-08-27",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Sáng 27/8/2025, hơn 1.200 học sinh Trường Tiểu học Nguyễn Khuyến trở lại trường trong ngày tựu trường, sẵn sàng cho một năm học mới.",
        "body": [
            (
                "paragraph",
                "Từ 7 giờ sáng, sân trường đã rộn ràng tiếng cười nói của học sinh và phụ huynh. Các em học sinh lớp 1 lần đầu đến trường được thầy cô đón tận cổng, dắt tay vào lớp và làm quen với bạn bè mới.",
            ),
            (
                "paragraph",
                "Trong buổi tựu trường, giáo viên chủ nhiệm ổn định tổ chức lớp, phổ biến nội quy, hướng dẫn học sinh cách chào hỏi, xếp hàng ra vào lớp và giữ gìn vệ sinh chung. Học sinh các khối 2 đến 5 hào hứng gặp lại thầy cô, bạn bè sau kỳ nghỉ hè và cùng nhau trang trí lớp học.",
            ),
            ("image", {"caption": "Cô giáo đón học sinh lớp 1 tại cổng trường trong ngày tựu trường."}),
            (
                "paragraph",
                "Trước đó, nhà trường đã hoàn thành việc tu sửa phòng học, kiểm tra hệ thống điện, quạt, bàn ghế và cây xanh trong khuôn viên; sách giáo khoa, đồ dùng dạy học được chuẩn bị đầy đủ. Thư viện trường cũng bổ sung nhiều đầu sách mới cho góc đọc của các lớp.",
            ),
            (
                "paragraph",
                "Năm học 2025–2026, trường có 30 lớp với 1.246 học sinh, trong đó có 254 học sinh lớp 1. Ban giám hiệu đề nghị cha mẹ học sinh thường xuyên theo dõi thông báo trên cổng thông tin điện tử và Sổ liên lạc điện tử để phối hợp cùng nhà trường chăm lo cho các em.",
            ),
        ],
        "cover_caption": "Học sinh Trường Tiểu học Nguyễn Khuyến trong ngày tựu trường năm học 2025–2026.",
        "image_motif": "school",
    },
    {
        "section": "tin_tuc",
        "title": "Lễ khai giảng năm học 2025–2026: Vững bước vào năm học mới",
        "slug": "le-khai-giang-nam-hoc-2025-2026",
        "date": "2025-09-05",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Sáng 5/9/2025, trong không khí cả nước kỷ niệm 80 năm Cách mạng tháng Tám và Quốc khánh 2/9, Trường Tiểu học Nguyễn Khuyến long trọng tổ chức Lễ khai giảng năm học 2025–2026.",
        "body": [
            (
                "paragraph",
                "Về dự lễ có đại biểu chính quyền địa phương, Ban đại diện cha mẹ học sinh cùng toàn thể cán bộ, giáo viên, nhân viên và học sinh nhà trường.",
            ),
            (
                "paragraph",
                "Mở đầu buổi lễ là nghi thức chào cờ trang nghiêm. Trong tiếng trống đón, 254 học sinh lớp 1 trong bộ đồng phục mới được các anh chị lớp 5 dắt tay tiến vào sân trường trước sự chào đón của thầy cô và các bạn. Những tiết mục múa hát về quê hương, đất nước do học sinh biểu diễn đã tạo nên không khí tươi vui, ấm áp.",
            ),
            (
                "paragraph",
                "Phát biểu khai giảng, thầy Phạm Văn Tuấn, Hiệu trưởng nhà trường, điểm lại những kết quả nổi bật của năm học 2024–2025 và nêu nhiệm vụ trọng tâm của năm học mới: nâng cao chất lượng dạy học theo Chương trình giáo dục phổ thông 2018, đẩy mạnh chuyển đổi số, xây dựng trường học hạnh phúc.",
            ),
            (
                "quote",
                {
                    "text": "Mỗi thầy cô hãy là một tấm gương sáng, mỗi học sinh hãy chăm ngoan, học giỏi, để mỗi ngày đến trường thực sự là một ngày vui.",
                    "attribution": "Thầy Phạm Văn Tuấn, Hiệu trưởng nhà trường",
                },
            ),
            (
                "paragraph",
                "Đại diện giáo viên và học sinh phát biểu, hứa thi đua dạy tốt, học tốt. Tiếng trống khai trường do thầy Hiệu trưởng đánh vang lên, chính thức mở đầu năm học 2025–2026 với bao niềm tin và hy vọng.",
            ),
        ],
        "cover_caption": "Học sinh lớp 1 tiến vào sân trường trong Lễ khai giảng năm học 2025–2026.",
        "image_motif": "flag",
    },
    {
        "section": "tin_tuc",
        "title": "Học sinh hưởng ứng “Tháng an toàn giao thông” đầu năm học",
        "slug": "hoc-sinh-huong-ung-thang-an-toan-giao-thong",
        "date": "2025-09-19",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Nhằm trang bị kiến thức và kỹ năng tham gia giao thông an toàn, nhà trường tổ chức chuỗi hoạt động tuyên truyền cho học sinh toàn trường trong tháng 9.",
        "body": [
            (
                "paragraph",
                "Trong buổi chào cờ đầu tuần, học sinh được nghe tuyên truyền về Luật Trật tự, an toàn giao thông đường bộ, tìm hiểu ý nghĩa các biển báo thường gặp và cách đi bộ, qua đường an toàn trên đường tới trường.",
            ),
            (
                "paragraph",
                "Tiểu phẩm “Đội mũ bảo hiểm cho con” do học sinh lớp 4A biểu diễn đã nhắc nhở các bạn và phụ huynh luôn đội mũ bảo hiểm đúng cách, cài quai chắc chắn khi ngồi sau xe máy. Nhiều câu đố vui về luật giao thông được các em hào hứng xung phong trả lời.",
            ),
            (
                "paragraph",
                "Giáo viên chủ nhiệm các lớp lồng ghép nội dung an toàn giao thông vào hoạt động trải nghiệm, hướng dẫn học sinh vẽ tranh, làm biển báo bằng giấy màu. Những sản phẩm đẹp được trưng bày tại hành lang khu lớp học.",
            ),
            (
                "paragraph",
                "Nhà trường đề nghị cha mẹ học sinh đưa đón con đúng giờ, dừng xe gọn gàng, không đỗ xe dưới lòng đường trước cổng trường vào giờ cao điểm, cùng chung tay xây dựng cổng trường an toàn giao thông.",
            ),
        ],
        "cover_caption": "Học sinh tìm hiểu biển báo giao thông trong giờ chào cờ đầu tuần.",
        "image_motif": "school",
    },
    {
        "section": "chuyen_mon",
        "title": "Tổ 1 sinh hoạt chuyên môn theo nghiên cứu bài học môn Tiếng Việt",
        "slug": "to-1-sinh-hoat-chuyen-mon-nghien-cuu-bai-hoc-tieng-viet",
        "date": "2025-09-24",
        "author_username": "totruong1",
        "author_name": "Trần Thị Minh Nguyệt",
        "author_position": "Tổ trưởng Tổ 1",
        "lead": "Chiều 23/9/2025, Tổ chuyên môn 1 tổ chức buổi sinh hoạt chuyên môn theo nghiên cứu bài học đầu tiên của năm học với một tiết ôn tập âm và chữ môn Tiếng Việt lớp 1.",
        "body": [
            (
                "paragraph",
                "Tiết dạy minh họa do cô Lê Thị Phương Thảo thực hiện tại lớp 1B. Các thành viên trong tổ không tập trung nhận xét giáo viên mà quan sát từng nhóm học sinh: em nào còn lúng túng, em nào đọc chưa rõ tiếng, nguyên nhân vì sao và cần hỗ trợ các em như thế nào.",
            ),
            (
                "paragraph",
                "Trong phần thảo luận, tổ thống nhất một số biện pháp: tăng thời gian cho học sinh luyện đọc cá nhân, sử dụng thẻ chữ và trò chơi ghép tiếng, chia nhỏ yêu cầu viết để các em không bị quá tải trong những tuần đầu làm quen với chữ viết.",
            ),
            (
                "quote",
                {
                    "text": "Mỗi tiết dạy là một cơ hội để cả tổ cùng học. Điều quan trọng nhất là nhìn thấy từng học sinh đang học như thế nào.",
                    "attribution": "Cô Trần Thị Minh Nguyệt, Tổ trưởng Tổ 1",
                },
            ),
            (
                "paragraph",
                "Những bài học kinh nghiệm được tổ tổng hợp trong biên bản sinh hoạt chuyên môn, đồng thời chia sẻ lên trang “Trường học kết nối” để giáo viên trong cụm trường cùng tham khảo.",
            ),
        ],
        "cover_caption": "Giáo viên Tổ 1 dự giờ, quan sát học sinh lớp 1B trong tiết dạy minh họa.",
        "image_motif": "books",
    },
    {
        "section": "doi_cong_doan",
        "title": "Hội nghị viên chức, người lao động năm học 2025–2026",
        "slug": "hoi-nghi-vien-chuc-nguoi-lao-dong-nam-hoc-2025-2026",
        "date": "2025-09-26",
        "author_username": "congdoan",
        "author_name": "Đặng Thị Hồng Nhung",
        "author_position": "Chủ tịch Công đoàn",
        "lead": "Ngày 25/9/2025, nhà trường phối hợp với Công đoàn cơ sở tổ chức Hội nghị viên chức, người lao động năm học 2025–2026.",
        "body": [
            (
                "paragraph",
                "Hội nghị có sự tham dự của 58 cán bộ, giáo viên, nhân viên. Các đại biểu nghe báo cáo kết quả năm học 2024–2025, phương hướng nhiệm vụ năm học mới và báo cáo công khai tài chính của nhà trường.",
            ),
            (
                "paragraph",
                "Trong phần thảo luận, nhiều ý kiến tâm huyết được đưa ra về việc giảm bớt hồ sơ sổ sách cho giáo viên, tăng cường thiết bị dạy học hiện đại và nâng cao chất lượng bữa ăn bán trú. Ban giám hiệu đã tiếp thu và giải trình cụ thể từng nội dung.",
            ),
            (
                "paragraph",
                "Hội nghị thông qua Quy chế chi tiêu nội bộ, Quy chế thực hiện dân chủ ở cơ sở và bầu Ban Thanh tra nhân dân nhiệm kỳ mới. Hiệu trưởng và Chủ tịch Công đoàn ký kết giao ước thi đua năm học.",
            ),
            (
                "paragraph",
                "Công đoàn trường phát động phong trào thi đua “Đổi mới, sáng tạo trong dạy và học” và cuộc vận động “Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo” trong toàn thể đoàn viên.",
            ),
        ],
        "cover_caption": "Quang cảnh Hội nghị viên chức, người lao động năm học 2025–2026.",
        "image_motif": "flag",
    },
    {
        "section": "doi_cong_doan",
        "title": "Liên đội tổ chức “Đêm hội trăng rằm” cho học sinh",
        "slug": "lien-doi-to-chuc-dem-hoi-trang-ram-2025",
        "date": "2025-10-04",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Chiều tối 3/10/2025, Liên đội Trường Tiểu học Nguyễn Khuyến tổ chức chương trình “Đêm hội trăng rằm”, mang đến cho học sinh một mùa Trung thu ấm áp, tràn đầy niềm vui.",
        "body": [
            (
                "paragraph",
                "Sân trường được trang trí lung linh với đèn ông sao, đèn lồng và những mâm cỗ Trung thu do các chi đội, sao nhi đồng tự tay bày. Mỗi mâm cỗ có bánh nướng, bánh dẻo và hoa quả được tỉa thành hình con vật ngộ nghĩnh.",
            ),
            (
                "paragraph",
                "Các tiết mục múa lân, hát “Rước đèn tháng Tám”, “Chiếc đèn ông sao” được các em biểu diễn hồn nhiên. Phần thi bày mâm cỗ và làm đèn ông sao từ vật liệu tái chế thu hút sự tham gia của tất cả các lớp.",
            ),
            ("image", {"caption": "Học sinh rước đèn ông sao quanh sân trường."}),
            (
                "paragraph",
                "Liên đội trao quà Trung thu cho 30 học sinh có hoàn cảnh khó khăn từ quỹ Kế hoạch nhỏ và sự ủng hộ của cha mẹ học sinh.",
            ),
            (
                "paragraph",
                "Đêm hội khép lại với màn rước đèn quanh sân trường và phá cỗ. Tiếng cười rộn rã của các em là món quà ý nghĩa nhất mà thầy cô muốn dành tặng học trò trong mùa trăng năm nay.",
            ),
        ],
        "cover_caption": "Mâm cỗ Trung thu do các chi đội tự tay bày trong “Đêm hội trăng rằm”.",
        "image_motif": "star",
    },
    {
        "section": "tin_tuc",
        "title": "Khám sức khỏe định kỳ cho học sinh năm học 2025–2026",
        "slug": "kham-suc-khoe-dinh-ky-cho-hoc-sinh-2025-2026",
        "date": "2025-10-14",
        "author_username": "vanthu",
        "author_name": "Ngô Thị Huyền",
        "author_position": "Nhân viên văn thư, kiêm nhiệm y tế trường học",
        "lead": "Trong hai ngày 13 và 14/10/2025, nhà trường phối hợp với trạm y tế địa phương tổ chức khám sức khỏe định kỳ cho học sinh toàn trường.",
        "body": [
            (
                "paragraph",
                "Các em được đo chiều cao, cân nặng, kiểm tra thị lực, khám răng miệng, tai mũi họng và da liễu. Kết quả được cập nhật vào hồ sơ sức khỏe của từng học sinh và gửi tới cha mẹ học sinh qua Sổ liên lạc điện tử.",
            ),
            (
                "paragraph",
                "Qua đợt khám, một số em có dấu hiệu giảm thị lực, sâu răng hoặc thừa cân. Nhân viên y tế nhà trường đã trao đổi với giáo viên chủ nhiệm để bố trí chỗ ngồi phù hợp và nhắc nhở các em giữ vệ sinh răng miệng sau bữa ăn bán trú.",
            ),
            (
                "paragraph",
                "Nhà trường khuyến nghị cha mẹ cho con đọc sách, viết bài ở nơi đủ ánh sáng, hạn chế thời gian dùng điện thoại, máy tính bảng; nhắc trẻ đánh răng ít nhất hai lần mỗi ngày và đưa con đi khám chuyên khoa khi có chỉ định của bác sĩ.",
            ),
            (
                "paragraph",
                "Công tác y tế trường học được duy trì thường xuyên trong suốt năm học, góp phần giúp các em có sức khỏe tốt để học tập và tham gia các hoạt động.",
            ),
        ],
        "cover_caption": "Học sinh được kiểm tra thị lực trong đợt khám sức khỏe định kỳ.",
        "image_motif": "sport",
    },
    {
        "section": "chuyen_mon",
        "title": "Chuyên đề Toán lớp 3: Dạy học giải bài toán có hai bước tính",
        "slug": "chuyen-de-toan-lop-3-giai-bai-toan-co-hai-buoc-tinh",
        "date": "2025-10-16",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Ngày 15/10/2025, nhà trường tổ chức chuyên đề cấp trường môn Toán lớp 3 nhằm tìm giải pháp giúp học sinh giải tốt bài toán có lời văn.",
        "body": [
            (
                "paragraph",
                "Giải bài toán có hai bước tính là nội dung mới và khó đối với nhiều học sinh lớp 3. Các em thường đọc đề chưa kỹ, chưa xác định được cái đã cho, cái phải tìm và lúng túng khi chọn phép tính cho từng bước.",
            ),
            (
                "paragraph",
                "Tiết dạy minh họa bài “Bài toán giải bằng hai bước tính” do cô Lương Thị Thanh Tâm, giáo viên lớp 3C, thực hiện. Cô hướng dẫn học sinh tóm tắt bài toán bằng sơ đồ đoạn thẳng, đặt câu hỏi gợi mở để các em tự tìm ra bước giải thứ nhất, rồi từ đó tìm bước thứ hai.",
            ),
            ("image", {"caption": "Học sinh lớp 3C tóm tắt bài toán bằng sơ đồ đoạn thẳng."}),
            (
                "paragraph",
                "Giáo viên dự chuyên đề đánh giá cao việc tổ chức cho học sinh làm việc nhóm, trình bày cách giải trước lớp và tự kiểm tra lại kết quả. Nhiều ý kiến đề xuất tăng cường các bài toán gắn với tình huống thực tế như đi chợ, chia quà, tính quãng đường đến trường.",
            ),
            (
                "paragraph",
                "Kết thúc chuyên đề, nhà trường thống nhất quy trình bốn bước khi dạy giải toán có lời văn: đọc và phân tích đề, tóm tắt, lập kế hoạch giải, trình bày và kiểm tra lại. Quy trình được áp dụng ở tất cả các lớp 3 từ học kỳ I.",
            ),
        ],
        "cover_caption": "Tiết dạy minh họa chuyên đề Toán lớp 3 cấp trường.",
        "image_motif": "books",
    },
    {
        "section": "doi_cong_doan",
        "title": "Công đoàn trường kỷ niệm 95 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam",
        "slug": "cong-doan-ky-niem-95-nam-ngay-thanh-lap-hoi-lhpn-viet-nam",
        "date": "2025-10-20",
        "author_username": "congdoan",
        "author_name": "Đặng Thị Hồng Nhung",
        "author_position": "Chủ tịch Công đoàn",
        "lead": "Nhân dịp kỷ niệm 95 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam (20/10/1930 – 20/10/2025), Công đoàn trường tổ chức buổi gặp mặt thân mật dành cho các nữ đoàn viên.",
        "body": [
            (
                "paragraph",
                "Trường hiện có 51 nữ cán bộ, giáo viên, nhân viên, chiếm gần 90% tổng số đoàn viên. Các chị em luôn là lực lượng nòng cốt trong mọi hoạt động chuyên môn và phong trào của nhà trường.",
            ),
            (
                "paragraph",
                "Tại buổi gặp mặt, Ban Chấp hành Công đoàn tặng hoa, quà chúc mừng và biểu dương những nữ đoàn viên tiêu biểu trong phong trào “Giỏi việc trường, đảm việc nhà”.",
            ),
            (
                "paragraph",
                "Hội thi cắm hoa nghệ thuật giữa các tổ công đoàn diễn ra sôi nổi. Mỗi tác phẩm mang một thông điệp riêng về người phụ nữ và nghề giáo, trong đó tác phẩm “Dịu dàng phố Cảng” của tổ Văn phòng giành giải Nhất.",
            ),
            (
                "paragraph",
                "Các thầy giáo trong trường gửi tới chị em những lời chúc ý nghĩa cùng một tiết mục văn nghệ bất ngờ, góp phần làm nên buổi gặp mặt ấm áp, vui tươi.",
            ),
        ],
        "cover_caption": "Tác phẩm cắm hoa của các tổ công đoàn chào mừng ngày 20/10.",
        "image_motif": "art",
    },
    {
        "section": "chuyen_mon",
        "title": "Dùng trò chơi ghép vần giúp học sinh lớp 1 đọc tốt hơn",
        "slug": "tro-choi-ghep-van-giup-hoc-sinh-lop-1-doc-tot-hon",
        "date": "2025-11-06",
        "author_username": "giaovien1",
        "author_name": "Lê Thị Phương Thảo",
        "author_position": "Giáo viên Tổ 1",
        "lead": "Sau gần hai tháng học âm, vần, nhiều học sinh lớp 1B đã đọc trơn tiếng nhờ những trò chơi nhỏ được lồng ghép trong mỗi tiết học.",
        "body": [
            (
                "paragraph",
                "Những tuần đầu năm, không ít em còn nhầm lẫn giữa các âm gần giống nhau như “b” và “d”, “n” và “l”. Thay vì để các em đọc đi đọc lại một cách đơn điệu, tôi chuẩn bị bộ thẻ âm, thẻ vần bằng bìa màu để học sinh chơi ghép tiếng theo nhóm đôi.",
            ),
            (
                "paragraph",
                "Trò chơi “Ai nhanh hơn” yêu cầu các nhóm ghép được nhiều tiếng có nghĩa nhất trong một phút, sau đó đọc to trước lớp. Trò chơi “Tìm bạn” phát cho mỗi em một thẻ âm đầu hoặc một thẻ vần; các em phải tìm bạn có thẻ phù hợp để cùng tạo thành tiếng.",
            ),
            (
                "paragraph",
                "Sau mỗi trò chơi, tôi dành vài phút để các em luyện đọc cá nhân và sửa lỗi phát âm. Những em đọc còn chậm được xếp ngồi cạnh bạn đọc tốt để hỗ trợ lẫn nhau.",
            ),
            (
                "paragraph",
                "Đến nay, phần lớn học sinh trong lớp đã đọc trơn được các tiếng, từ đơn giản và rất hào hứng mỗi khi đến giờ Tiếng Việt. Tổ 1 đã thống nhất nhân rộng cách làm này ở các lớp trong khối.",
            ),
        ],
        "cover_caption": "Học sinh lớp 1B chơi trò ghép vần theo nhóm đôi.",
        "image_motif": "art",
    },
    {
        "section": "chuyen_mon",
        "title": "Hội giảng chào mừng Ngày Nhà giáo Việt Nam: Nhiều tiết dạy sáng tạo",
        "slug": "hoi-giang-chao-mung-ngay-nha-giao-viet-nam-2025",
        "date": "2025-11-11",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Từ ngày 20/10 đến 10/11/2025, các tổ chuyên môn tổ chức hội giảng chào mừng Ngày Nhà giáo Việt Nam 20/11 với sự tham gia của toàn bộ giáo viên.",
        "body": [
            (
                "paragraph",
                "Hội giảng năm nay tập trung vào đổi mới phương pháp, phát huy tính chủ động của học sinh và ứng dụng công nghệ thông tin hợp lý. Mỗi giáo viên đăng ký ít nhất một tiết dạy; các tổ cử giáo viên dự giờ, góp ý theo tiêu chí thống nhất.",
            ),
            (
                "paragraph",
                "Nhiều tiết dạy để lại ấn tượng như tiết Tự nhiên và Xã hội lớp 2 “Thực vật sống ở đâu?” với hoạt động quan sát cây thật trong vườn trường, tiết Tiếng Anh lớp 4 sử dụng trò chơi tương tác, tiết Khoa học lớp 5 cho học sinh làm thí nghiệm đơn giản về sự biến đổi trạng thái của chất.",
            ),
            (
                "paragraph",
                "Qua hội giảng, có 42 tiết dạy được xếp loại tốt và 18 tiết xếp loại khá. Ban giám khảo chọn 5 tiết dạy tiêu biểu để ghi hình, lưu tại thư viện số của nhà trường làm tư liệu tham khảo.",
            ),
            (
                "paragraph",
                "Hội giảng không chỉ là dịp để giáo viên thể hiện năng lực mà còn là cơ hội học hỏi lẫn nhau, góp phần nâng cao chất lượng dạy học trong toàn trường.",
            ),
        ],
        "cover_caption": "Giờ học Tự nhiên và Xã hội lớp 2 trong vườn trường dịp hội giảng.",
        "image_motif": "tree",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Tranh vẽ “Thầy cô của em” của học sinh lớp 1A",
        "slug": "tranh-ve-thay-co-cua-em-cua-hoc-sinh-lop-1a",
        "date": "2025-11-17",
        "author_username": "gvcn1a",
        "author_name": "Vũ Thị Lan Anh",
        "author_position": "Giáo viên chủ nhiệm lớp 1A",
        "lead": "Chào mừng Ngày Nhà giáo Việt Nam 20/11, các bạn nhỏ lớp 1A gửi tình cảm tới thầy cô qua những bức tranh ngộ nghĩnh, đầy màu sắc.",
        "body": [
            (
                "paragraph",
                "Sau hơn hai tháng đến trường, các em lớp 1A chưa viết được nhiều chữ nhưng đã biết dùng bút màu để kể về thầy cô của mình. Có em vẽ cô giáo đứng trên bục giảng, có em vẽ cô dắt tay các bạn qua cổng trường, lại có em vẽ cả lớp cùng cô ngồi dưới gốc cây bàng.",
            ),
            (
                "paragraph",
                "Bạn Hoàng Bảo Ngọc vẽ cô giáo mặc áo dài màu xanh bên một trái tim thật to. Ngọc kể: “Con vẽ trái tim vì con thương cô nhất”. Bạn Nguyễn Đức Minh lại vẽ cô đang đọc truyện, xung quanh là các bạn ngồi nghe chăm chú.",
            ),
            ("image", {"caption": "Những bức tranh “Thầy cô của em” được trưng bày tại lớp 1A."}),
            (
                "paragraph",
                "Tất cả 41 bức tranh của lớp được dán thành “bức tường yêu thương” ở cuối lớp học. Mỗi bức tranh đều có tên tác giả do các em tự viết, nét chữ còn nghiêng ngả nhưng rất đáng yêu.",
            ),
            (
                "paragraph",
                "Với cô chủ nhiệm, đó là món quà 20/11 quý giá nhất: những nét vẽ hồn nhiên chứa đựng tình yêu thương trong trẻo của học trò.",
            ),
        ],
        "cover_caption": "Học sinh lớp 1A vẽ tranh tặng thầy cô nhân Ngày Nhà giáo Việt Nam.",
        "image_motif": "art",
    },
    {
        "section": "tin_tuc",
        "title": "Kỷ niệm 43 năm Ngày Nhà giáo Việt Nam 20/11",
        "slug": "ky-niem-43-nam-ngay-nha-giao-viet-nam-20-11",
        "date": "2025-11-20",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Sáng 20/11/2025, Trường Tiểu học Nguyễn Khuyến tổ chức Lễ kỷ niệm 43 năm Ngày Nhà giáo Việt Nam (20/11/1982 – 20/11/2025) trong không khí ấm áp, trang trọng.",
        "body": [
            (
                "paragraph",
                "Buổi lễ có sự tham dự của đại biểu chính quyền địa phương, Ban đại diện cha mẹ học sinh, các thầy cô giáo đã nghỉ hưu cùng toàn thể cán bộ, giáo viên, nhân viên và học sinh nhà trường.",
            ),
            (
                "paragraph",
                "Thầy Phạm Văn Tuấn, Hiệu trưởng nhà trường, ôn lại truyền thống của ngày 20/11 và tổng kết đợt thi đua “Dạy tốt – Học tốt” chào mừng ngày Nhà giáo. Trong đợt thi đua, toàn trường có 42 tiết dạy được xếp loại tốt và hàng nghìn “bông hoa việc tốt” được học sinh dành tặng thầy cô.",
            ),
            (
                "paragraph",
                "Nhân dịp này, nhà trường khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong hội giảng và các phong trào thi đua. Ban đại diện cha mẹ học sinh gửi lời tri ân sâu sắc tới các thầy cô đã tận tụy với sự nghiệp trồng người.",
            ),
            (
                "quote",
                {
                    "text": "Được đứng trên bục giảng, nhìn các em lớn lên từng ngày là niềm hạnh phúc lớn nhất của nghề giáo.",
                    "attribution": "Cô Trần Thị Minh Nguyệt, Tổ trưởng Tổ 1",
                },
            ),
            ("image", {"caption": "Học sinh tặng hoa chúc mừng thầy cô nhân Ngày Nhà giáo Việt Nam."}),
            (
                "paragraph",
                "Chương trình văn nghệ với những bài hát về mái trường, thầy cô do học sinh và giáo viên biểu diễn đã khép lại buổi lễ trong niềm xúc động và tự hào.",
            ),
        ],
        "cover_caption": "Lễ kỷ niệm 43 năm Ngày Nhà giáo Việt Nam tại Trường Tiểu học Nguyễn Khuyến.",
        "image_motif": "star",
    },
    {
        "section": "doi_cong_doan",
        "title": "Kỷ niệm 81 năm Ngày thành lập Quân đội nhân dân Việt Nam",
        "slug": "ky-niem-81-nam-ngay-thanh-lap-quan-doi-nhan-dan-viet-nam",
        "date": "2025-12-19",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Hướng tới ngày 22/12, Liên đội phối hợp với Chi đoàn giáo viên tổ chức chuỗi hoạt động giáo dục truyền thống “Em yêu chú bộ đội”.",
        "body": [
            (
                "paragraph",
                "Trong buổi chào cờ đầu tuần, học sinh được nghe một cựu chiến binh kể chuyện về những năm tháng chiến đấu bảo vệ Tổ quốc và tình cảm quân dân gắn bó. Nhiều câu hỏi ngây thơ mà đáng yêu của các em khiến buổi giao lưu thêm gần gũi.",
            ),
            (
                "paragraph",
                "Các chi đội tham gia hội thi “Nghi thức Đội và hát về chú bộ đội”; học sinh khối 1, khối 2 tham gia cuộc thi vẽ tranh “Chú bộ đội của em”. Những bức tranh với màu áo xanh và nụ cười rạng rỡ của chú bộ đội được trưng bày tại hành lang khu lớp học.",
            ),
            (
                "paragraph",
                "Chi đoàn giáo viên cùng đại diện Liên đội đã đến thăm, tặng quà các gia đình thương binh, gia đình có công với cách mạng trên địa bàn.",
            ),
            (
                "paragraph",
                "Các hoạt động góp phần giáo dục truyền thống yêu nước, lòng biết ơn đối với các thế hệ cha anh đi trước, bồi đắp tình yêu quê hương, đất nước cho học sinh.",
            ),
        ],
        "cover_caption": "Học sinh giao lưu với cựu chiến binh nhân kỷ niệm ngày 22/12.",
        "image_motif": "flag",
    },
    {
        "section": "chuyen_mon",
        "title": "Thiết kế bài giảng E-Learning môn Tiếng Việt lớp 1 hỗ trợ học sinh tự học",
        "slug": "thiet-ke-bai-giang-e-learning-tieng-viet-lop-1",
        "date": "2026-01-08",
        "author_username": "giaovien1",
        "author_name": "Lê Thị Phương Thảo",
        "author_position": "Giáo viên Tổ 1",
        "lead": "Thực hiện kế hoạch ứng dụng công nghệ thông tin trong dạy học, giáo viên Tổ 1 đã xây dựng bộ bài giảng E-Learning luyện đọc giúp học sinh ôn tập tại nhà.",
        "body": [
            (
                "paragraph",
                "Mỗi bài giảng dài từ 7 đến 10 phút, gồm phần nghe cô đọc mẫu, luyện đọc theo từng dòng và các câu hỏi tương tác đơn giản. Hình ảnh, âm thanh được chọn lọc gần gũi với trẻ như con vật, đồ dùng học tập, cảnh sân trường.",
            ),
            (
                "paragraph",
                "Bài giảng được đưa lên hệ thống quản lý học tập trực tuyến của nhà trường. Cha mẹ học sinh chỉ cần đăng nhập bằng tài khoản do giáo viên chủ nhiệm cung cấp là có thể cùng con luyện đọc vào buổi tối hoặc cuối tuần.",
            ),
            (
                "paragraph",
                "Trước khi sử dụng, các bài giảng đã được tổ trưởng chuyên môn thẩm định về nội dung, chính tả và thời lượng. Tổ cũng lấy ý kiến phụ huynh để điều chỉnh cỡ chữ, tốc độ đọc cho phù hợp với học sinh lớp 1.",
            ),
            (
                "paragraph",
                "Đây là bước đầu trong kế hoạch xây dựng kho học liệu số của Tổ 1. Trong học kỳ II, tổ tiếp tục thiết kế các bài giảng môn Toán và Hoạt động trải nghiệm.",
            ),
        ],
        "cover_caption": "Giáo viên Tổ 1 thiết kế bài giảng E-Learning luyện đọc cho học sinh lớp 1.",
        "image_motif": "books",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Nét chữ nết người: Học sinh lớp 1A khoe vở sạch chữ đẹp",
        "slug": "net-chu-net-nguoi-hoc-sinh-lop-1a-khoe-vo-sach-chu-dep",
        "date": "2026-01-12",
        "author_username": "gvcn1a",
        "author_name": "Vũ Thị Lan Anh",
        "author_position": "Giáo viên chủ nhiệm lớp 1A",
        "lead": "Kết thúc học kỳ I, lớp 1A tổ chức buổi trưng bày “Vở sạch – Chữ đẹp” để các em cùng nhìn lại chặng đường học viết đầy cố gắng.",
        "body": [
            (
                "paragraph",
                "Những ngày đầu tháng 9, nhiều em còn cầm bút chưa đúng, nét chữ run run, trang vở lấm lem. Sau một học kỳ kiên trì luyện tập, các em đã viết đúng mẫu chữ, đều nét và trình bày bài sạch sẽ.",
            ),
            (
                "paragraph",
                "Mỗi em chọn một trang vở mình ưng ý nhất để trưng bày. Các bạn cùng xem, bình chọn và viết lời khen cho nhau lên những bông hoa giấy nhỏ.",
            ),
            (
                "quote",
                {
                    "text": "Lúc đầu con viết chữ “b” cứ bị ngược. Bây giờ con viết đẹp rồi, mẹ khen con giỏi.",
                    "attribution": "Em Hoàng Bảo Ngọc, lớp 1A",
                },
            ),
            (
                "paragraph",
                "Cô chủ nhiệm khen thưởng 12 bạn có vở đẹp nhất và 8 bạn tiến bộ nhanh nhất. Những trang vở được lưu lại trong hồ sơ học tập của lớp để cuối năm các em nhìn thấy sự trưởng thành của mình.",
            ),
            (
                "paragraph",
                "Nét chữ là nết người. Mong rằng mỗi trang vở sạch, mỗi nét chữ đẹp sẽ giúp các em rèn tính cẩn thận, kiên trì ngay từ những năm đầu cắp sách tới trường.",
            ),
        ],
        "cover_caption": "Những trang vở “Vở sạch – Chữ đẹp” của học sinh lớp 1A.",
        "image_motif": "books",
    },
    {
        "section": "tin_tuc",
        "title": "Sơ kết học kỳ I năm học 2025–2026",
        "slug": "so-ket-hoc-ky-i-nam-hoc-2025-2026",
        "date": "2026-01-16",
        "author_username": "hieutruong",
        "author_name": "Phạm Văn Tuấn",
        "author_position": "Hiệu trưởng",
        "lead": "Nhà trường tổ chức hội nghị sơ kết học kỳ I, đánh giá kết quả đạt được và đề ra nhiệm vụ trọng tâm cho học kỳ II năm học 2025–2026.",
        "body": [
            (
                "paragraph",
                "Trong học kỳ I, nhà trường thực hiện đầy đủ kế hoạch giáo dục theo Chương trình giáo dục phổ thông 2018 ở cả năm khối lớp. Tỷ lệ học sinh hoàn thành các môn học và hoạt động giáo dục đạt cao; học sinh được rèn luyện phẩm chất, năng lực qua nhiều hoạt động trải nghiệm bổ ích.",
            ),
            (
                "paragraph",
                "Công tác chuyên môn có nhiều đổi mới: các tổ chuyên môn sinh hoạt theo hướng nghiên cứu bài học, tổ chức thành công chuyên đề Toán lớp 3 cấp trường và hội giảng chào mừng ngày 20/11. Giáo viên thường xuyên ứng dụng công nghệ thông tin và học liệu số trong dạy học.",
            ),
            (
                "paragraph",
                "Cổng thông tin điện tử của trường được cập nhật đều đặn với hơn 60 tin bài về hoạt động dạy học, phong trào và góc học sinh, trở thành kênh thông tin tin cậy của cha mẹ học sinh.",
            ),
            (
                "paragraph",
                "Hội nghị cũng chỉ ra một số hạn chế như kỹ năng viết đoạn văn của một bộ phận học sinh lớp 2, lớp 3 còn yếu; việc phối hợp với gia đình ở một số lớp chưa thường xuyên.",
            ),
            (
                "paragraph",
                "Trong học kỳ II, nhà trường tập trung nâng cao chất lượng đọc, viết và giải toán; tiếp tục đẩy mạnh chuyển đổi số, xây dựng thư viện thân thiện và tổ chức tốt các hoạt động kỷ niệm 26/3, Ngày hội đọc sách, tổng kết năm học.",
            ),
        ],
        "cover_caption": "Hội nghị sơ kết học kỳ I năm học 2025–2026.",
        "image_motif": "school",
    },
    {
        "section": "doi_cong_doan",
        "title": "Công đoàn trường thăm hỏi, động viên đoàn viên có hoàn cảnh khó khăn",
        "slug": "cong-doan-tham-hoi-doan-vien-co-hoan-canh-kho-khan",
        "date": "2026-01-22",
        "author_username": "congdoan",
        "author_name": "Đặng Thị Hồng Nhung",
        "author_position": "Chủ tịch Công đoàn",
        "lead": "Thực hiện chức năng chăm lo đời sống đoàn viên, Ban Chấp hành Công đoàn trường đã đến thăm hỏi, tặng quà các đoàn viên ốm đau và có hoàn cảnh khó khăn.",
        "body": [
            (
                "paragraph",
                "Trong tháng 01/2026, Công đoàn trường đã thăm hỏi 4 đoàn viên bị ốm phải điều trị dài ngày và 2 đoàn viên có người thân qua đời. Mỗi lần thăm hỏi, Ban Chấp hành đều trực tiếp đến gia đình để chia sẻ, động viên.",
            ),
            (
                "paragraph",
                "Từ quỹ tương trợ do đoàn viên đóng góp, Công đoàn hỗ trợ mỗi trường hợp khó khăn từ 1 đến 2 triệu đồng. Giá trị vật chất tuy chưa lớn nhưng là tấm lòng, sự sẻ chia của cả tập thể dành cho đồng nghiệp.",
            ),
            (
                "quote",
                {
                    "text": "Tôi rất cảm động khi đồng nghiệp đến thăm lúc tôi nằm viện. Điều đó giúp tôi có thêm động lực để sớm trở lại với học trò.",
                    "attribution": "Chia sẻ của một đoàn viên được thăm hỏi",
                },
            ),
            (
                "paragraph",
                "Công đoàn cũng phối hợp với Ban giám hiệu rà soát, đề xuất hỗ trợ kịp thời cho những đoàn viên gặp khó khăn đột xuất, để không ai bị bỏ lại phía sau.",
            ),
            (
                "paragraph",
                "Công đoàn trường mong muốn mỗi đoàn viên luôn cảm thấy an tâm, gắn bó và được quan tâm như trong một mái nhà chung.",
            ),
        ],
        "cover_caption": "Ban Chấp hành Công đoàn trường thăm hỏi đoàn viên.",
        "image_motif": "tree",
    },
    {
        "section": "doi_cong_doan",
        "title": "“Tết sum vầy” – Công đoàn trao quà Tết cho đoàn viên",
        "slug": "tet-sum-vay-cong-doan-trao-qua-tet-cho-doan-vien",
        "date": "2026-02-09",
        "author_username": "congdoan",
        "author_name": "Đặng Thị Hồng Nhung",
        "author_position": "Chủ tịch Công đoàn",
        "lead": "Chiều 9/2/2026, Công đoàn trường tổ chức chương trình “Tết sum vầy” gặp mặt, chúc Tết đoàn viên và các thầy cô đã nghỉ hưu nhân dịp Xuân Bính Ngọ.",
        "body": [
            (
                "paragraph",
                "Chương trình diễn ra trong không khí đầm ấm bên bàn trà, bánh chưng và những cành đào thắm sắc xuân. Thầy Hiệu trưởng thay mặt lãnh đạo nhà trường cảm ơn toàn thể đoàn viên đã đồng lòng, chia sẻ trong một năm nhiều thử thách.",
            ),
            (
                "paragraph",
                "Công đoàn trao 58 suất quà Tết cho đoàn viên và 15 suất quà cho các thầy cô nghỉ hưu. Ba đoàn viên có hoàn cảnh khó khăn được nhận thêm quà của Công đoàn cấp trên.",
            ),
            (
                "paragraph",
                "Các tổ công đoàn tham gia hội thi gói bánh chưng, bày mâm ngũ quả ngày Tết. Những chiếc bánh chưng được gửi tặng học sinh có hoàn cảnh khó khăn của nhà trường.",
            ),
            (
                "paragraph",
                "Chương trình là dịp để mỗi đoàn viên gác lại những bộn bề công việc, cùng nhau đón một cái Tết ấm áp, an vui.",
            ),
        ],
        "cover_caption": "Đoàn viên Công đoàn trường trong chương trình “Tết sum vầy”.",
        "image_motif": "tree",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Thiệp chúc Tết do học sinh lớp 1A tự tay làm",
        "slug": "thiep-chuc-tet-do-hoc-sinh-lop-1a-tu-tay-lam",
        "date": "2026-02-10",
        "author_username": "gvcn1a",
        "author_name": "Vũ Thị Lan Anh",
        "author_position": "Giáo viên chủ nhiệm lớp 1A",
        "lead": "Trong tiết Hoạt động trải nghiệm cuối cùng trước Tết, học sinh lớp 1A đã tự làm những tấm thiệp xinh xắn để gửi lời chúc tới ông bà, cha mẹ.",
        "body": [
            (
                "paragraph",
                "Từ giấy bìa màu, kéo, hồ dán và những bông hoa đào cắt bằng giấy, các em tỉ mỉ trang trí tấm thiệp của mình. Có bạn vẽ chú ngựa nhỏ vì năm nay là năm Bính Ngọ, có bạn dán bánh chưng xanh và câu đối đỏ.",
            ),
            (
                "paragraph",
                "Điều đặc biệt là mỗi tấm thiệp đều có lời chúc do chính các em viết. Đó chỉ là những câu ngắn như “Chúc ông bà mạnh khỏe”, “Con chúc mẹ luôn vui”, nhưng là thành quả sau một học kỳ các em học đọc, học viết.",
            ),
            (
                "paragraph",
                "Bạn Trần Gia Huy hào hứng khoe: “Con làm hai cái thiệp, một cái tặng bà nội, một cái tặng bà ngoại”. Cả lớp cười vang khi bạn Ngọc nói sẽ làm thêm một tấm thiệp tặng chú mèo ở nhà.",
            ),
            (
                "paragraph",
                "Những tấm thiệp nhỏ là món quà Tết giản dị mà ấm áp, giúp các em biết bày tỏ tình cảm với người thân và thêm yêu những phong tục tốt đẹp của ngày Tết cổ truyền.",
            ),
        ],
        "cover_caption": "Thiệp chúc Tết Bính Ngọ do học sinh lớp 1A làm.",
        "image_motif": "art",
    },
    {
        "section": "tin_tuc",
        "title": "Vui Xuân Bính Ngọ: Học sinh gói bánh chưng, trao quà Tết yêu thương",
        "slug": "vui-xuan-binh-ngo-goi-banh-chung-trao-qua-tet",
        "date": "2026-02-12",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Trước kỳ nghỉ Tết Nguyên đán Bính Ngọ 2026, nhà trường tổ chức chương trình “Xuân yêu thương” giúp học sinh hiểu thêm phong tục cổ truyền của dân tộc.",
        "body": [
            (
                "paragraph",
                "Sân trường những ngày giáp Tết rực rỡ sắc hoa đào, hoa mai và câu đối đỏ. Mỗi lớp có một gian trưng bày với mâm ngũ quả, tranh Đông Hồ và những món đồ trang trí do học sinh tự tay làm.",
            ),
            (
                "paragraph",
                "Dưới sự hướng dẫn của thầy cô và phụ huynh, học sinh khối 4, khối 5 thi gói bánh chưng: rửa lá dong, xếp lá, đong gạo, cho đỗ, cho thịt rồi buộc lạt. Dù những chiếc bánh đầu tay còn chưa vuông vức, các em vẫn rất hào hứng và tự hào.",
            ),
            ("image", {"caption": "Học sinh lớp 5 thi gói bánh chưng trong chương trình “Xuân yêu thương”."}),
            (
                "paragraph",
                "Từ quỹ Kế hoạch nhỏ và sự đóng góp của cha mẹ học sinh, nhà trường trao 25 suất quà Tết cho học sinh có hoàn cảnh khó khăn; mỗi suất gồm bánh chưng, áo ấm và sách vở.",
            ),
            (
                "paragraph",
                "Học sinh được nghỉ Tết từ ngày 14/2 đến hết ngày 22/2/2026 và đi học trở lại vào thứ Hai, ngày 23/2/2026. Nhà trường nhắc nhở các em vui Tết an toàn, không sử dụng pháo nổ và chấp hành tốt luật giao thông.",
            ),
        ],
        "cover_caption": "Gian trưng bày ngày Tết của học sinh trong chương trình “Xuân yêu thương”.",
        "image_motif": "tree",
    },
    {
        "section": "chuyen_mon",
        "title": "Sinh hoạt chuyên môn cụm trường trực tuyến về phát triển năng lực đọc cho học sinh lớp 1",
        "slug": "sinh-hoat-chuyen-mon-cum-truong-truc-tuyen-lop-1",
        "date": "2026-02-27",
        "author_username": "totruong1",
        "author_name": "Trần Thị Minh Nguyệt",
        "author_position": "Tổ trưởng Tổ 1",
        "lead": "Chiều 26/2/2026, Tổ 1 phối hợp với các trường tiểu học trong cụm tổ chức buổi sinh hoạt chuyên môn trực tuyến về dạy học phát triển năng lực đọc cho học sinh lớp 1.",
        "body": [
            (
                "paragraph",
                "Buổi sinh hoạt được tổ chức qua phần mềm hội họp trực tuyến với sự tham gia của hơn 40 giáo viên dạy lớp 1 trong cụm trường. Tổ 1 Trường Tiểu học Nguyễn Khuyến là đơn vị chủ trì, chuẩn bị nội dung và điều hành thảo luận.",
            ),
            (
                "paragraph",
                "Cô Lê Thị Phương Thảo chia sẻ kinh nghiệm sử dụng trò chơi ghép vần và bài giảng E-Learning luyện đọc. Các trường bạn giới thiệu cách tổ chức “Góc đọc” trong lớp học và mô hình “Đọc cùng con” phối hợp với cha mẹ học sinh.",
            ),
            (
                "paragraph",
                "Giáo viên thảo luận sôi nổi về cách giúp học sinh chuyển từ đọc trơn sang đọc hiểu trong học kỳ II: đặt câu hỏi ngắn sau mỗi đoạn, cho học sinh kể lại bằng lời của mình, khuyến khích các em đọc truyện tranh phù hợp lứa tuổi.",
            ),
            (
                "paragraph",
                "Các sản phẩm của buổi sinh hoạt đã được tổ trưởng thẩm định và đăng tải trên trang “Trường học kết nối” để giáo viên trong cụm cùng khai thác.",
            ),
        ],
        "cover_caption": "Buổi sinh hoạt chuyên môn cụm trường trực tuyến do Tổ 1 chủ trì.",
        "image_motif": "books",
    },
    {
        "section": "doi_cong_doan",
        "title": "Kỷ niệm 116 năm Ngày Quốc tế Phụ nữ 8/3",
        "slug": "ky-niem-116-nam-ngay-quoc-te-phu-nu-8-3",
        "date": "2026-03-07",
        "author_username": "congdoan",
        "author_name": "Đặng Thị Hồng Nhung",
        "author_position": "Chủ tịch Công đoàn",
        "lead": "Sáng 6/3/2026, Công đoàn trường tổ chức gặp mặt kỷ niệm 116 năm Ngày Quốc tế Phụ nữ 8/3 và 1986 năm khởi nghĩa Hai Bà Trưng.",
        "body": [
            (
                "paragraph",
                "Ban Chấp hành Công đoàn ôn lại lịch sử Ngày Quốc tế Phụ nữ và truyền thống “Anh hùng, bất khuất, trung hậu, đảm đang” của phụ nữ Việt Nam.",
            ),
            (
                "paragraph",
                "Hưởng ứng ngày 8/3, Công đoàn tổ chức giải bóng chuyền hơi nữ giữa các tổ công đoàn. Các trận đấu diễn ra sôi nổi trong tiếng cổ vũ nhiệt tình của đồng nghiệp và học sinh; đội Tổ 4–5 xuất sắc giành chức vô địch.",
            ),
            ("image", {"caption": "Trận chung kết giải bóng chuyền hơi nữ chào mừng ngày 8/3."}),
            (
                "paragraph",
                "Nhân dịp này, học sinh các lớp làm thiệp, viết lời chúc gửi tặng cô giáo, bà và mẹ. Nhiều tấm thiệp làm bằng giấy màu, hoa khô được các em chăm chút tỉ mỉ.",
            ),
            (
                "paragraph",
                "Công đoàn trường biểu dương 12 nữ đoàn viên đạt danh hiệu “Giỏi việc trường, đảm việc nhà” năm 2025 và chúc các chị em luôn mạnh khỏe, hạnh phúc, thành công.",
            ),
        ],
        "cover_caption": "Giải bóng chuyền hơi nữ chào mừng Ngày Quốc tế Phụ nữ 8/3.",
        "image_motif": "sport",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Mẹ của em",
        "slug": "me-cua-em",
        "date": "2026-03-09",
        "author_username": "hocsinh1a",
        "author_name": "Hoàng Bảo Ngọc",
        "author_position": "Học sinh lớp 1A",
        "lead": "Bài viết của em Hoàng Bảo Ngọc, học sinh lớp 1A, nhân ngày Quốc tế Phụ nữ 8/3, dưới sự hướng dẫn của cô giáo chủ nhiệm.",
        "body": [
            (
                "paragraph",
                "Mẹ của em tên là Nguyễn Thị Thu. Mẹ em là y tá ở bệnh viện. Mẹ có mái tóc dài và đôi mắt rất hiền.",
            ),
            (
                "paragraph",
                "Sáng nào mẹ cũng dậy sớm nấu cơm cho cả nhà. Mẹ đưa em đến trường rồi mới đi làm. Buổi tối, mẹ nghe em đọc bài và kể chuyện cho em nghe.",
            ),
            (
                "paragraph",
                "Hôm em bị ốm, mẹ thức cả đêm để chăm em. Mẹ nấu cháo và cho em uống thuốc. Em thương mẹ lắm.",
            ),
            (
                "paragraph",
                "Ngày 8/3, em tặng mẹ một tấm thiệp có vẽ bông hoa. Em sẽ chăm ngoan, học giỏi để mẹ vui. Em yêu mẹ nhiều nhất trên đời.",
            ),
        ],
        "cover_caption": "Bức tranh “Mẹ của em” do Hoàng Bảo Ngọc, lớp 1A, vẽ tặng mẹ.",
        "image_motif": "art",
    },
    {
        "section": "doi_cong_doan",
        "title": "Kết nạp đội viên mới nhân kỷ niệm 95 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh",
        "slug": "ket-nap-doi-vien-moi-ky-niem-95-nam-thanh-lap-doan",
        "date": "2026-03-26",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Sáng 26/3/2026, Liên đội Trường Tiểu học Nguyễn Khuyến tổ chức Lễ kết nạp đội viên cho 238 học sinh lớp 3.",
        "body": [
            (
                "paragraph",
                "Trong không khí trang nghiêm, dưới lá cờ Tổ quốc và cờ Đội, các em học sinh lớp 3 hát Quốc ca, Đội ca và đọc lời hứa của đội viên. Các anh chị phụ trách chi đội thắt khăn quàng đỏ, trao huy hiệu Đội cho từng em.",
            ),
            (
                "quote",
                {
                    "text": "Thực hiện tốt 5 điều Bác Hồ dạy thiếu niên, nhi đồng. Tuân theo Điều lệ Đội Thiếu niên Tiền phong Hồ Chí Minh. Giữ gìn danh dự Đội Thiếu niên Tiền phong Hồ Chí Minh.",
                    "attribution": "Lời hứa của đội viên",
                },
            ),
            (
                "paragraph",
                "Phát biểu tại buổi lễ, cô Nguyễn Thị Thu Hằng, Phó hiệu trưởng nhà trường, chúc mừng các đội viên mới và mong các em luôn chăm ngoan, học giỏi, xứng đáng với chiếc khăn quàng đỏ trên vai.",
            ),
            (
                "paragraph",
                "Cùng ngày, Chi đoàn giáo viên tổ chức hoạt động tình nguyện trồng cây, chăm sóc bồn hoa trong sân trường, hưởng ứng Tháng Thanh niên 2026 và kỷ niệm 95 năm Ngày thành lập Đoàn.",
            ),
            (
                "paragraph",
                "Với 238 đội viên mới, Liên đội có thêm sức trẻ để tiếp tục thực hiện tốt các phong trào thi đua và hoạt động của Đội trong năm học.",
            ),
        ],
        "cover_caption": "Học sinh lớp 3 được thắt khăn quàng đỏ trong Lễ kết nạp đội viên.",
        "image_motif": "flag",
    },
    {
        "section": "tin_tuc",
        "title": "Ngày hội đọc sách 2026: Lan tỏa tình yêu sách trong học sinh",
        "slug": "ngay-hoi-doc-sach-2026",
        "date": "2026-04-21",
        "author_username": "thuthu",
        "author_name": "Đinh Thị Ngọc Mai",
        "author_position": "Nhân viên thư viện",
        "lead": "Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam 21/4, thư viện nhà trường tổ chức Ngày hội đọc sách với nhiều hoạt động hấp dẫn.",
        "body": [
            (
                "paragraph",
                "Ngày hội diễn ra tại sân trường với các gian sách theo chủ đề: truyện cổ tích Việt Nam, khoa học thường thức, gương người tốt việc tốt và sách về quê hương Hải Phòng. Học sinh được tự do chọn sách, ngồi đọc trên những tấm thảm trải dưới tán cây.",
            ),
            (
                "paragraph",
                "Các lớp tham gia cuộc thi “Giới thiệu cuốn sách em yêu” và “Kể chuyện theo sách”. Nhiều em tự tin kể lại câu chuyện bằng giọng điệu sinh động, kèm tranh minh họa tự vẽ.",
            ),
            (
                "quote",
                {
                    "text": "Em thích nhất gian truyện cổ tích. Em đã mượn cuốn “Sự tích cây vú sữa” để về đọc cho em trai nghe.",
                    "attribution": "Em Hoàng Bảo Ngọc, học sinh lớp 1A",
                },
            ),
            (
                "paragraph",
                "Hoạt động “Đổi sách cũ – nhận sách hay” thu hút đông đảo học sinh và phụ huynh. Thư viện đã nhận được hơn 700 cuốn sách, truyện do các em quyên góp để bổ sung cho tủ sách lớp học.",
            ),
            (
                "paragraph",
                "Qua ngày hội, nhà trường mong muốn khơi dậy niềm say mê đọc sách, giúp học sinh hình thành thói quen đọc mỗi ngày và biết trân trọng, giữ gìn sách.",
            ),
        ],
        "cover_caption": "Học sinh đọc sách dưới tán cây trong Ngày hội đọc sách 2026.",
        "image_motif": "books",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Cuốn sách đầu tiên em tự đọc",
        "slug": "cuon-sach-dau-tien-em-tu-doc",
        "date": "2026-04-23",
        "author_username": "hocsinh1a",
        "author_name": "Hoàng Bảo Ngọc",
        "author_position": "Học sinh lớp 1A",
        "lead": "Sau Ngày hội đọc sách, bạn Hoàng Bảo Ngọc, lớp 1A, kể về cuốn truyện đầu tiên bạn tự đọc hết.",
        "body": [
            (
                "paragraph",
                "Ở Ngày hội đọc sách, em mượn cuốn truyện “Sự tích cây vú sữa”. Cuốn sách có nhiều tranh đẹp và chữ to.",
            ),
            (
                "paragraph",
                "Em đọc mỗi tối một ít. Chữ nào khó, em đánh vần rồi hỏi mẹ. Sau một tuần, em đã đọc hết cả cuốn sách.",
            ),
            (
                "paragraph",
                "Em thích cậu bé trong truyện vì cuối cùng cậu đã biết thương mẹ. Em nghĩ em phải ngoan, không ham chơi để mẹ buồn.",
            ),
            (
                "paragraph",
                "Em đã đọc truyện cho em trai nghe. Em trai em mới ba tuổi nhưng ngồi nghe rất ngoan. Em sẽ mượn thêm nhiều sách ở thư viện trường.",
            ),
        ],
        "cover_caption": "Góc đọc sách của lớp 1A.",
        "image_motif": "books",
    },
    {
        "section": "doi_cong_doan",
        "title": "Liên đội kỷ niệm 85 năm Ngày thành lập Đội TNTP Hồ Chí Minh",
        "slug": "lien-doi-ky-niem-85-nam-ngay-thanh-lap-doi",
        "date": "2026-05-15",
        "author_username": "phohieutruong",
        "author_name": "Nguyễn Thị Thu Hằng",
        "author_position": "Phó hiệu trưởng",
        "lead": "Kỷ niệm 85 năm Ngày thành lập Đội Thiếu niên Tiền phong Hồ Chí Minh (15/5/1941 – 15/5/2026), Liên đội tổ chức ngày hội “Thiếu nhi vui khỏe – Tiến bước lên Đoàn” và tổng kết công tác Đội năm học.",
        "body": [
            (
                "paragraph",
                "Ngày hội gồm các hoạt động: thi nghi thức Đội, trò chơi dân gian, tìm hiểu lịch sử Đội và triển lãm sản phẩm của phong trào Kế hoạch nhỏ. Mỗi chi đội mang đến một màu sắc riêng với khẩu hiệu, trang phục và tiết mục cổ vũ sáng tạo.",
            ),
            (
                "paragraph",
                "Trong năm học, Liên đội đã thu gom hơn 3 tấn giấy vụn và vỏ chai nhựa qua phong trào Kế hoạch nhỏ, gây quỹ hỗ trợ học sinh khó khăn và trao học bổng “Thắp sáng ước mơ” cho 20 em.",
            ),
            ("image", {"caption": "Các chi đội tham gia trò chơi kéo co trong ngày hội."}),
            (
                "paragraph",
                "Nhân dịp này, Liên đội khen thưởng 15 chi đội vững mạnh và 120 đội viên tiêu biểu. Liên đội nhà trường tiếp tục được công nhận là Liên đội vững mạnh xuất sắc.",
            ),
            (
                "paragraph",
                "Ngày hội để lại nhiều kỷ niệm đẹp, giúp các em thêm tự hào về truyền thống của Đội và quyết tâm phấn đấu trở thành con ngoan, trò giỏi, đội viên tốt, cháu ngoan Bác Hồ.",
            ),
        ],
        "cover_caption": "Ngày hội “Thiếu nhi vui khỏe – Tiến bước lên Đoàn” kỷ niệm 85 năm thành lập Đội.",
        "image_motif": "sport",
    },
    {
        "section": "goc_hoc_sinh",
        "title": "Thơ: Sân trường em",
        "slug": "tho-san-truong-em",
        "date": "2026-05-18",
        "author_username": "hocsinh1a",
        "author_name": "Hoàng Bảo Ngọc",
        "author_position": "Học sinh lớp 1A",
        "lead": "Bài thơ đầu tiên của bạn Hoàng Bảo Ngọc, học sinh lớp 1A, viết về sân trường trong những ngày cuối năm học.",
        "body": [
            ("paragraph", "Sân trường em rộng\nCó cây bàng xanh\nChim hót trên cành\nGọi em đến lớp."),
            ("paragraph", "Giờ ra chơi đến\nBạn bè vui sao\nNhảy dây, đá cầu\nTiếng cười xôn xao."),
            ("paragraph", "Hè về phượng đỏ\nVe hát râm ran\nTạm biệt cô, bạn\nHẹn ngày tựu trường."),
            ("paragraph", "Em yêu trường em\nYêu cô, yêu bạn\nLên lớp Hai rồi\nEm càng chăm ngoan."),
            (
                "quote",
                {
                    "text": "Ngọc rất thích đọc thơ. Cô chỉ gợi ý cách gieo vần, còn những hình ảnh trong bài đều là điều con tự nhìn thấy ở sân trường.",
                    "attribution": "Cô Vũ Thị Lan Anh, giáo viên chủ nhiệm lớp 1A",
                },
            ),
        ],
        "cover_caption": "Cây bàng và hàng phượng trên sân trường những ngày cuối năm học.",
        "image_motif": "tree",
    },
    {
        "section": "tin_tuc",
        "title": "Lễ tổng kết năm học 2025–2026 và chia tay học sinh lớp 5",
        "slug": "le-tong-ket-nam-hoc-2025-2026",
        "date": "2026-05-27",
        "author_username": "hieutruong",
        "author_name": "Phạm Văn Tuấn",
        "author_position": "Hiệu trưởng",
        "lead": "Ngày 27/5/2026, nhà trường long trọng tổ chức Lễ tổng kết năm học 2025–2026, khen thưởng học sinh và chia tay các em học sinh lớp 5 hoàn thành chương trình tiểu học.",
        "body": [
            (
                "paragraph",
                "Năm học 2025–2026 khép lại với nhiều kết quả đáng tự hào: 99,8% học sinh hoàn thành chương trình lớp học, toàn bộ học sinh lớp 5 hoàn thành chương trình tiểu học. Nhiều em đạt giải trong các cuộc thi cấp quận và cấp thành phố.",
            ),
            (
                "paragraph",
                "Tại buổi lễ, nhà trường trao giấy khen cho học sinh hoàn thành xuất sắc nội dung học tập và rèn luyện, học sinh có thành tích nổi bật trong các phong trào. Các tập thể lớp và giáo viên tiêu biểu cũng được biểu dương.",
            ),
            (
                "quote",
                {
                    "text": "Các con hãy mang theo những kỷ niệm đẹp của mái trường Nguyễn Khuyến, tiếp tục chăm ngoan, học giỏi ở bậc học mới.",
                    "attribution": "Thầy Phạm Văn Tuấn, Hiệu trưởng nhà trường",
                },
            ),
            (
                "paragraph",
                "Phút chia tay, học sinh lớp 5 xúc động tặng hoa thầy cô và viết lời nhắn gửi lên “Cây kỷ niệm” đặt giữa sân trường. Những lời chúc giản dị mà chân thành khiến nhiều thầy cô không giấu được những giọt nước mắt.",
            ),
            (
                "paragraph",
                "Nhà trường chúc các em có một mùa hè vui tươi, an toàn, bổ ích và đề nghị cha mẹ học sinh quan tâm, nhắc nhở con phòng tránh đuối nước trong dịp hè.",
            ),
        ],
        "cover_caption": "Học sinh lớp 5 chia tay mái trường trong Lễ tổng kết năm học 2025–2026.",
        "image_motif": "star",
    },
    {
        "section": "chuyen_mon",
        "title": "Thư viện bổ sung đề kiểm tra định kỳ và sáng kiến kinh nghiệm năm học 2025–2026",
        "slug": "thu-vien-bo-sung-de-kiem-tra-dinh-ky-sang-kien-kinh-nghiem",
        "date": "2026-06-10",
        "author_username": "thuthu",
        "author_name": "Đinh Thị Ngọc Mai",
        "author_position": "Nhân viên thư viện",
        "lead": "Sau khi kết thúc năm học, thư viện nhà trường đã tiếp nhận và số hóa các bộ đề kiểm tra định kỳ cùng sáng kiến kinh nghiệm của giáo viên để phục vụ tra cứu.",
        "body": [
            (
                "paragraph",
                "Theo quy chế quản lý, sử dụng hệ thống quản trị của nhà trường, sau mỗi năm học, Ban giám hiệu bàn giao cho thư viện các bộ đề kiểm tra định kỳ ở cả bản giấy và bản mềm. Năm nay, thư viện tiếp nhận 40 bộ đề các môn Tiếng Việt, Toán, Tiếng Anh, Khoa học, Lịch sử và Địa lý, Tin học và Công nghệ.",
            ),
            (
                "paragraph",
                "Bên cạnh đó, 12 sáng kiến kinh nghiệm được Hội đồng khoa học nhà trường công nhận cũng được lưu trữ, phân loại theo môn học và khối lớp. Tài liệu tập huấn chuyên môn trong năm được sắp xếp thành bộ sưu tập riêng.",
            ),
            (
                "paragraph",
                "Toàn bộ tài liệu được cập nhật vào phần mềm quản lý thư viện, có ký hiệu phân loại và từ khóa để tra cứu. Các đề kiểm tra chỉ phục vụ giáo viên và học sinh trong trường, không đăng tải công khai.",
            ),
            (
                "paragraph",
                "Thư viện mời thầy cô và các em đến đọc, mượn tài liệu trong giờ hành chính hoặc tra cứu mục lục trên cổng thông tin điện tử của nhà trường.",
            ),
        ],
        "cover_caption": "Nhân viên thư viện sắp xếp các bộ đề kiểm tra định kỳ năm học 2025–2026.",
        "image_motif": "books",
    },
    {
        "section": "tin_tuc",
        "title": "Khai giảng năm học 2026–2027: Mái trường chào đón 250 học sinh lớp 1",
        "slug": "khai-giang-nam-hoc-2026-2027",
        "date": "2026-09-05",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Sáng 5/9/2026, thầy và trò Trường Tiểu học Nguyễn Khuyến hân hoan bước vào năm học mới 2026–2027.",
        "body": [
            (
                "paragraph",
                "Trong tiết trời đầu thu trong xanh, buổi lễ diễn ra trang trọng với nghi thức chào cờ, tiết mục văn nghệ chào mừng và phần đón học sinh lớp 1. Năm học này, nhà trường đón 250 học sinh lớp 1, nâng tổng số học sinh toàn trường lên 1.258 em trong 30 lớp.",
            ),
            (
                "paragraph",
                "Thầy Phạm Văn Tuấn, Hiệu trưởng nhà trường, đọc diễn văn khai giảng, chúc mừng những thành tích của năm học trước và giao nhiệm vụ năm học mới: tiếp tục đổi mới phương pháp dạy học, nâng cao chất lượng dạy Tiếng Anh và Tin học, xây dựng môi trường học đường an toàn, thân thiện.",
            ),
            (
                "paragraph",
                "Ngay sau lễ khai giảng, các lớp tổ chức tiết sinh hoạt đầu năm; học sinh lớp 1 được thầy cô giới thiệu khuôn viên trường, thư viện, phòng Tin học và khu bán trú.",
            ),
            (
                "paragraph",
                "Nhà trường trân trọng cảm ơn sự đồng hành của cha mẹ học sinh và chính quyền địa phương, mong tiếp tục nhận được sự phối hợp chặt chẽ để năm học mới thành công.",
            ),
        ],
        "cover_caption": "Lễ khai giảng năm học 2026–2027 tại Trường Tiểu học Nguyễn Khuyến.",
        "image_motif": "flag",
    },
    {
        "section": "chuyen_mon",
        "title": "Tổ 1 triển khai chuyên đề “Rèn nề nếp học tập cho học sinh lớp 1”",
        "slug": "to-1-chuyen-de-ren-ne-nep-hoc-tap-cho-hoc-sinh-lop-1",
        "date": "2026-10-22",
        "author_username": "totruong1",
        "author_name": "Trần Thị Minh Nguyệt",
        "author_position": "Tổ trưởng Tổ 1",
        "lead": "Bước vào năm học 2026–2027, Tổ 1 tổ chức chuyên đề giúp giáo viên chia sẻ cách hình thành nề nếp, thói quen học tập cho học sinh lớp 1.",
        "body": [
            (
                "paragraph",
                "Những tuần đầu ở lớp 1 rất quan trọng với trẻ: các em chuyển từ môi trường mầm non vừa học vừa chơi sang học tập có nề nếp. Nhiều em chưa quen ngồi học lâu, chưa biết giơ tay phát biểu, cầm bút và giữ vở sạch.",
            ),
            (
                "paragraph",
                "Tại chuyên đề, cô Vũ Thị Lan Anh, giáo viên chủ nhiệm lớp 1A, chia sẻ cách xây dựng nội quy lớp bằng tranh, dùng bài hát và khẩu lệnh ngắn để chuyển hoạt động, khen ngợi kịp thời từng tiến bộ nhỏ của học sinh.",
            ),
            (
                "quote",
                {
                    "text": "Với học sinh lớp 1, một lời khen đúng lúc có sức mạnh hơn nhiều lời nhắc nhở.",
                    "attribution": "Cô Vũ Thị Lan Anh, giáo viên chủ nhiệm lớp 1A",
                },
            ),
            (
                "paragraph",
                "Giáo viên trong tổ thống nhất cách phối hợp với cha mẹ học sinh qua Sổ liên lạc điện tử: gửi nhận xét ngắn hằng tuần, hướng dẫn cha mẹ giúp con chuẩn bị sách vở và tập thói quen tự phục vụ.",
            ),
            (
                "paragraph",
                "Sau chuyên đề, Tổ 1 sẽ dự giờ, theo dõi việc áp dụng tại các lớp và rút kinh nghiệm trong buổi sinh hoạt chuyên môn tháng 11.",
            ),
        ],
        "cover_caption": "Giờ học của học sinh lớp 1A năm học 2026–2027.",
        "image_motif": "school",
    },
    {
        "section": "tin_tuc",
        "title": "Tri ân thầy cô nhân kỷ niệm 44 năm Ngày Nhà giáo Việt Nam",
        "slug": "tri-an-thay-co-ky-niem-44-nam-ngay-nha-giao-viet-nam",
        "date": "2026-11-20",
        "author_username": "quantri",
        "author_name": "Bùi Đức Mạnh",
        "author_position": "Quản trị cổng TTĐT",
        "lead": "Ngày 20/11/2026, nhà trường tổ chức Lễ kỷ niệm 44 năm Ngày Nhà giáo Việt Nam và tổng kết đợt thi đua chào mừng.",
        "body": [
            (
                "paragraph",
                "Tham dự buổi lễ có các thầy cô giáo nguyên là cán bộ, giáo viên của trường qua các thời kỳ, đại diện Ban đại diện cha mẹ học sinh cùng toàn thể giáo viên, nhân viên và học sinh.",
            ),
            (
                "paragraph",
                "Trong đợt thi đua từ ngày 15/10 đến 15/11/2026, các tổ chuyên môn đã tổ chức 36 tiết hội giảng, nhiều tiết dạy ứng dụng hiệu quả bài giảng điện tử và học liệu số. Liên đội tổ chức cuộc thi viết thư, vẽ tranh “Thầy cô trong mắt em” với hơn 400 bài dự thi.",
            ),
            (
                "paragraph",
                "Nhân dịp này, Công đoàn trường trao quà tri ân các thầy cô đã nghỉ hưu. Những câu chuyện về mái trường xưa được các thầy cô kể lại khiến thế hệ giáo viên trẻ thêm trân trọng nghề.",
            ),
            (
                "paragraph",
                "Buổi lễ khép lại bằng bài hát “Bụi phấn” do tập thể học sinh khối 5 thể hiện, gửi gắm lòng biết ơn sâu sắc tới các thầy cô giáo.",
            ),
        ],
        "cover_caption": "Học sinh khối 5 biểu diễn văn nghệ chào mừng Ngày Nhà giáo Việt Nam 20/11/2026.",
        "image_motif": "star",
    },
]
