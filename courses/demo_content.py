"""Demo lessons, videos, skills and FAQ in Vietnamese and English.

Plain data: `courses/demo.py` turns it into pages and snippets. Each text is a
(vi, en) pair; screen texts drawn into the step pictures are Vietnamese only,
because the apps themselves are in Vietnamese.
"""

from dataclasses import dataclass, field

# App header colours used in the drawn phone screens.
APP_COLOURS = {
    "VNeID": "#b3261e",
    "Cổng DVC": "#0b5394",
    "Ngân hàng": "#00695c",
    "Điện thoại": "#37474f",
    "Tin nhắn": "#37474f",
    "Cài đặt": "#455a64",
    "Zalo": "#0068ff",
    "Danh bạ": "#37474f",
}


# Apps whose versions editors keep (Snippets → Apps): name, current version, released
# how many days ago. The demo screenshots show VNeID 2.1: those lessons need review.
APPS = [
    ("VNeID", "2.3", 30),
    ("Cổng DVC quốc gia", "2024", 300),
    ("Zalo", "24.10", 200),
]
# The app header drawn on a step's picture -> the app whose version the step records.
SCREEN_APPS = {"VNeID": "VNeID", "Cổng DVC": "Cổng DVC quốc gia", "Zalo": "Zalo"}


@dataclass
class Step:
    title: tuple[str, str]
    text: tuple[str, str]
    screen: str  # app header drawn on the picture
    lines: list[str]  # what the drawn screen shows (Vietnamese)
    button: str  # the highlighted button on the drawn screen
    callout: tuple[str, str, str] | None = None  # (kind, vi, en)


@dataclass
class Question:
    text: tuple[str, str]
    answers: list[tuple[str, str, bool, str, str]]  # vi, en, correct, why vi, why en


@dataclass
class Lesson:
    slug: str
    title: tuple[str, str]
    intro: tuple[str, str]
    app: tuple[str, str]
    minutes: int
    skills: list[str]
    steps: list[Step]
    questions: list[Question]
    video: str | None = None
    audience: str = "citizen"
    level: str = "beginner"
    checked_days_ago: int = 120  # "last checked against the app" this many days ago
    review_in_days: int = 240  # review-by date; negative: overdue


@dataclass
class Course:
    slug: str
    title: tuple[str, str]
    intro: tuple[str, str]
    lessons: list[Lesson] = field(default_factory=list)


SKILLS = [
    (
        "vneid-install",
        ("Cài đặt ứng dụng VNeID", "Install the VNeID app"),
        (
            "Tự tìm, cài và mở ứng dụng VNeID chính thức.",
            "Finds, installs and opens the official VNeID app.",
        ),
        [
            ("Mở kho ứng dụng CH Play hoặc App Store", "Opens the Play Store or App Store"),
            (
                "Nhận ra ứng dụng VNeID chính thức của Bộ Công an",
                "Recognises the official VNeID app by the Ministry of Public Security",
            ),
            ("Cài đặt và mở được ứng dụng", "Installs and opens the app"),
        ],
    ),
    (
        "vneid-level2",
        ("Kích hoạt định danh điện tử mức 2", "Activate level-2 electronic identification"),
        (
            "Kích hoạt tài khoản mức 2 và đăng nhập bằng mật khẩu riêng.",
            "Activates a level-2 account and signs in with their own password.",
        ),
        [
            ("Nhập số định danh và số điện thoại", "Enters the ID number and phone number"),
            ("Nhập mã OTP mà không đọc cho ai", "Enters the one-time code without telling anyone"),
            ("Đặt mật khẩu và mã passcode", "Sets a password and passcode"),
            ("Mở được căn cước điện tử trong ứng dụng", "Opens the electronic ID card in the app"),
        ],
    ),
    (
        "dvc-birth-registration",
        ("Đăng ký khai sinh trực tuyến", "Register a birth online"),
        (
            "Nộp hồ sơ liên thông khai sinh trên Cổng Dịch vụ công quốc gia.",
            "Files the joint birth registration on the National Public Service Portal.",
        ),
        [
            ("Đăng nhập Cổng DVC bằng tài khoản VNeID", "Signs in to the portal with VNeID"),
            (
                "Điền tờ khai và tải ảnh Giấy chứng sinh",
                "Fills in the form and uploads the birth certificate photo",
            ),
            ("Nộp hồ sơ và ghi lại mã hồ sơ", "Submits and writes down the application code"),
        ],
    ),
    (
        "evn-bill-pay",
        ("Thanh toán tiền điện trực tuyến", "Pay the electricity bill online"),
        (
            "Thanh toán hóa đơn điện bằng ứng dụng ngân hàng và lưu biên lai.",
            "Pays the electricity bill in a banking app and keeps the receipt.",
        ),
        [
            ("Tìm mã khách hàng trên hóa đơn", "Finds the customer code on the bill"),
            (
                "Kiểm tra tên chủ hộ và số tiền trước khi xác nhận",
                "Checks the account holder and amount before confirming",
            ),
            ("Lưu hoặc chụp biên lai", "Saves or screenshots the receipt"),
        ],
    ),
    (
        "scam-spot",
        ("Nhận biết lừa đảo qua điện thoại", "Spot phone and message scams"),
        (
            "Nhận ra dấu hiệu lừa đảo và biết cách từ chối, báo cáo.",
            "Recognises scam signs and knows how to refuse and report.",
        ),
        [
            ("Nêu được ba dấu hiệu của cuộc gọi lừa đảo", "Names three signs of a scam call"),
            ("Không bấm vào đường link lạ", "Does not tap unknown links"),
            ("Biết gọi lại số chính thức để kiểm tra", "Knows to call the official number back"),
        ],
    ),
    (
        "video-call",
        ("Gọi video cho người thân", "Video-call family"),
        ("Gọi và nhận cuộc gọi video bằng Zalo.", "Makes and answers video calls on Zalo."),
        [
            ("Tìm người thân trong danh sách", "Finds a relative in the contact list"),
            ("Bắt đầu cuộc gọi video", "Starts a video call"),
            ("Bật, tắt micro và kết thúc cuộc gọi", "Mutes, unmutes and ends the call"),
        ],
    ),
    (
        "zalo-safety",
        ("Dùng Zalo an toàn", "Use Zalo safely"),
        (
            "Cài đặt quyền riêng tư và bảo vệ tài khoản Zalo.",
            "Sets privacy options and protects the Zalo account.",
        ),
        [
            (
                "Ẩn ngày sinh và số điện thoại với người lạ",
                "Hides birthday and phone number from strangers",
            ),
            ("Bật xác thực hai lớp", "Turns on two-step verification"),
            ("Chặn và báo xấu tài khoản lạ", "Blocks and reports a suspicious account"),
        ],
    ),
    (
        "password-safety",
        ("Đặt mật khẩu an toàn", "Keep passwords safe"),
        (
            "Dùng mật khẩu mạnh, riêng cho từng ứng dụng, không chia sẻ.",
            "Uses strong, separate passwords and never shares them.",
        ),
        [
            (
                "Tạo được mật khẩu dài từ một câu dễ nhớ",
                "Makes a long password from an easy sentence",
            ),
            ("Không dùng chung một mật khẩu", "Does not reuse one password"),
            (
                "Biết không bao giờ cho ai mật khẩu hay mã OTP",
                "Knows never to share a password or one-time code",
            ),
        ],
    ),
]

OTP_QUESTION = Question(
    ("Ai được biết mã OTP của bạn?", "Who may know your one-time code (OTP)?"),
    [
        (
            "Chỉ mình tôi",
            "Only me",
            True,
            "Mã OTP như chìa khóa nhà, chỉ bạn giữ.",
            "A one-time code is like your house key: only you keep it.",
        ),
        (
            "Cán bộ công an gọi điện hỏi",
            "A police officer who calls and asks",
            False,
            "Công an không bao giờ hỏi mã OTP qua điện thoại. Đó là lừa đảo.",
            "The police never ask for a code by phone. That is a scam.",
        ),
        (
            "Nhân viên ngân hàng",
            "A bank employee",
            False,
            "Ngân hàng không bao giờ hỏi mã OTP.",
            "Banks never ask for your code.",
        ),
    ],
)

COURSES = [
    Course(
        "dich-vu-cong",
        ("Dịch vụ công trên điện thoại", "Public services on your phone"),
        (
            "Cài VNeID, kích hoạt định danh mức 2, khai sinh cho con và trả tiền điện mà không phải xếp hàng.",
            "Install VNeID, activate level-2 e-ID, register a birth and pay the electricity bill without queuing.",
        ),
        [
            Lesson(
                "cai-dat-vneid",
                ("Cài đặt ứng dụng VNeID", "Installing the VNeID app"),
                (
                    "VNeID là ứng dụng định danh điện tử của Bộ Công an. Bài này giúp bạn cài đúng ứng dụng thật.",
                    "VNeID is the national e-ID app of the Ministry of Public Security. This lesson helps you install the real app.",
                ),
                ("VNeID", "2.1"),
                8,
                ["vneid-install"],
                [
                    Step(
                        ("Mở kho ứng dụng", "Open the app store"),
                        (
                            "Trên điện thoại Android, mở CH Play. Trên iPhone, mở App Store.",
                            "On an Android phone open the Play Store. On an iPhone open the App Store.",
                        ),
                        "Điện thoại",
                        ["CH Play", "Máy ảnh", "Zalo", "Cài đặt"],
                        "CH Play",
                    ),
                    Step(
                        ("Tìm “VNeID”", "Search for “VNeID”"),
                        (
                            "Gõ VNeID vào ô tìm kiếm. Chọn ứng dụng của Trung tâm dữ liệu quốc gia về dân cư – Bộ Công an.",
                            "Type VNeID in the search box. Choose the app published by the National Population Data Centre (Ministry of Public Security).",
                        ),
                        "CH Play",
                        ["VNeID", "Bộ Công an", "★ 4,1 · 10 Tr+ lượt tải"],
                        "VNeID",
                        (
                            "warning",
                            "Không cài VNeID từ đường link gửi qua tin nhắn hay Zalo. Đó thường là ứng dụng giả để lấy tiền.",
                            "Never install VNeID from a link sent by text or Zalo. Those are usually fake apps that steal money.",
                        ),
                    ),
                    Step(
                        ("Bấm Cài đặt", "Tap Install"),
                        (
                            "Bấm nút Cài đặt và chờ tải xong. Nên dùng Wi-Fi nếu có.",
                            "Tap Install and wait for the download to finish. Use Wi-Fi if you can.",
                        ),
                        "CH Play",
                        ["VNeID", "Bộ Công an", "Đang tải… 45%"],
                        "Cài đặt",
                    ),
                    Step(
                        ("Mở ứng dụng và đăng nhập", "Open the app and sign in"),
                        (
                            "Bấm Mở. Nhập số định danh cá nhân (12 số trên thẻ căn cước) và mật khẩu.",
                            "Tap Open. Enter your personal ID number (the 12 digits on your ID card) and your password.",
                        ),
                        "VNeID",
                        ["Số định danh cá nhân", "0xx xxx xxx xxx", "Mật khẩu", "••••••••"],
                        "Đăng nhập",
                    ),
                ],
                [
                    Question(
                        ("Bạn nên tải VNeID ở đâu?", "Where should you download VNeID?"),
                        [
                            (
                                "Trong CH Play hoặc App Store",
                                "In the Play Store or App Store",
                                True,
                                "Chỉ kho ứng dụng chính thức mới có ứng dụng thật.",
                                "Only the official app stores have the real app.",
                            ),
                            (
                                "Từ đường link trong tin nhắn",
                                "From a link in a text message",
                                False,
                                "Link gửi qua tin nhắn thường dẫn tới ứng dụng giả.",
                                "Links sent by message often lead to fake apps.",
                            ),
                        ],
                    ),
                    Question(
                        (
                            "Số định danh cá nhân có bao nhiêu chữ số?",
                            "How many digits does the personal ID number have?",
                        ),
                        [
                            (
                                "9 số",
                                "9 digits",
                                False,
                                "9 số là chứng minh nhân dân cũ.",
                                "9 digits was the old identity card.",
                            ),
                            (
                                "12 số",
                                "12 digits",
                                True,
                                "Số định danh cá nhân có 12 số, in trên thẻ căn cước.",
                                "The personal ID number has 12 digits and is printed on the ID card.",
                            ),
                        ],
                    ),
                ],
                video="vneid",
            ),
            Lesson(
                "kich-hoat-dinh-danh-muc-2",
                (
                    "Kích hoạt định danh điện tử mức 2",
                    "Activating level-2 electronic identification",
                ),
                (
                    "Tài khoản mức 2 thay được thẻ căn cước khi làm thủ tục. Bạn đăng ký ở công an xã, rồi tự kích hoạt trên điện thoại.",
                    "A level-2 account can replace your ID card for public services. You apply at the commune police, then activate it on your phone.",
                ),
                ("VNeID", "2.1"),
                15,
                ["vneid-level2"],
                [
                    Step(
                        ("Đăng ký tại công an xã, phường", "Apply at the commune police"),
                        (
                            "Mang thẻ căn cước gắn chip và điện thoại đến công an xã, phường. Cán bộ chụp ảnh chân dung và đăng ký tài khoản mức 2 cho bạn.",
                            "Bring your chip ID card and your phone to the commune or ward police. An officer takes your photo and registers your level-2 account.",
                        ),
                        "VNeID",
                        ["Đăng ký tài khoản", "định danh điện tử", "Mức 2"],
                        "Tiếp tục",
                    ),
                    Step(
                        ("Chờ tin nhắn xác nhận", "Wait for the confirmation message"),
                        (
                            "Khi hồ sơ được duyệt, bạn nhận tin nhắn từ Bộ Công an báo tài khoản đã được tạo.",
                            "When your application is approved you receive a text from the Ministry of Public Security saying the account was created.",
                        ),
                        "Tin nhắn",
                        ["BoCongAn", "Tài khoản định danh điện tử", "của bạn đã được tạo."],
                        "Mở VNeID",
                        (
                            "warning",
                            "Tin nhắn thật không bao giờ yêu cầu bấm link lạ hay chuyển tiền.",
                            "A real message never asks you to tap a strange link or to send money.",
                        ),
                    ),
                    Step(
                        ("Kích hoạt trong ứng dụng", "Activate in the app"),
                        (
                            "Mở VNeID, chọn “Kích hoạt tài khoản định danh điện tử”. Nhập số định danh cá nhân và số điện thoại đã đăng ký.",
                            "Open VNeID and choose “Activate electronic identification account”. Enter your personal ID number and the phone number you registered.",
                        ),
                        "VNeID",
                        ["Số định danh cá nhân", "Số điện thoại", "09xx xxx xxx"],
                        "Gửi yêu cầu",
                    ),
                    Step(
                        ("Nhập mã OTP và đặt mật khẩu", "Enter the code and set a password"),
                        (
                            "Nhập mã OTP 6 số gửi về điện thoại. Sau đó đặt mật khẩu và mã passcode 6 số mà chỉ bạn biết.",
                            "Enter the 6-digit code sent to your phone. Then set a password and a 6-digit passcode that only you know.",
                        ),
                        "VNeID",
                        ["Nhập mã OTP", "_ _ _ _ _ _", "Mật khẩu mới"],
                        "Xác nhận",
                        (
                            "tip",
                            "Viết mật khẩu vào sổ và cất ở nhà, không lưu trong ảnh trên điện thoại.",
                            "Write the password in a notebook kept at home, not in a photo on your phone.",
                        ),
                    ),
                ],
                [
                    Question(
                        (
                            "Cần mang gì khi đăng ký tài khoản mức 2?",
                            "What do you bring to apply for a level-2 account?",
                        ),
                        [
                            (
                                "Thẻ căn cước gắn chip và điện thoại",
                                "Chip ID card and phone",
                                True,
                                "Cán bộ cần thẻ gắn chip và số điện thoại chính chủ của bạn.",
                                "The officer needs your chip ID card and your own phone number.",
                            ),
                            (
                                "Sổ hộ khẩu giấy",
                                "The paper household register",
                                False,
                                "Sổ hộ khẩu giấy không còn được dùng.",
                                "The paper household register is no longer used.",
                            ),
                        ],
                    ),
                    OTP_QUESTION,
                ],
                audience="citizen",
                level="intermediate",
            ),
            Lesson(
                "dang-ky-khai-sinh",
                ("Đăng ký khai sinh trực tuyến", "Registering a birth online"),
                (
                    "Trên Cổng Dịch vụ công quốc gia, một lần khai báo là con bạn được khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế.",
                    "On the National Public Service Portal one application registers the birth, the permanent residence and the child’s health insurance card.",
                ),
                ("Cổng DVC quốc gia", "2024"),
                20,
                ["dvc-birth-registration"],
                [
                    Step(
                        ("Đăng nhập bằng VNeID", "Sign in with VNeID"),
                        (
                            "Vào dichvucong.gov.vn, bấm Đăng nhập, chọn “Tài khoản định danh điện tử” và xác nhận trên ứng dụng VNeID.",
                            "Go to dichvucong.gov.vn, tap Sign in, choose “Electronic identification account” and confirm in the VNeID app.",
                        ),
                        "Cổng DVC",
                        [
                            "dichvucong.gov.vn",
                            "Tài khoản định danh điện tử",
                            "Đăng nhập bằng VNeID",
                        ],
                        "Đăng nhập",
                    ),
                    Step(
                        ("Chọn dịch vụ liên thông", "Choose the joint service"),
                        (
                            "Chọn “Đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi”.",
                            "Choose “Birth registration, permanent residence registration and health insurance card for children under 6”.",
                        ),
                        "Cổng DVC",
                        [
                            "Dịch vụ công liên thông",
                            "Khai sinh – Thường trú – BHYT",
                            "trẻ dưới 6 tuổi",
                        ],
                        "Nộp trực tuyến",
                        (
                            "tip",
                            "Một lần khai báo, ba việc được làm xong.",
                            "One application, three services done.",
                        ),
                    ),
                    Step(
                        ("Điền tờ khai", "Fill in the form"),
                        (
                            "Nhập họ tên, ngày sinh của bé và thông tin cha mẹ. Chụp rõ Giấy chứng sinh của bệnh viện và tải lên.",
                            "Enter the baby’s name and date of birth and the parents’ details. Take a clear photo of the hospital birth certificate and upload it.",
                        ),
                        "Cổng DVC",
                        ["Họ tên trẻ", "Ngày sinh", "Giấy chứng sinh: ảnh.jpg"],
                        "Tiếp tục",
                    ),
                    Step(
                        ("Nộp hồ sơ và theo dõi", "Submit and follow up"),
                        (
                            "Kiểm tra lại, bấm Nộp hồ sơ và ghi lại mã hồ sơ. Giấy khai sinh điện tử sẽ được gửi về tài khoản của bạn.",
                            "Check everything, tap Submit and write down the application code. The electronic birth certificate is sent to your account.",
                        ),
                        "Cổng DVC",
                        ["Mã hồ sơ", "G22.xx-2411-000123", "Đang xử lý"],
                        "Nộp hồ sơ",
                    ),
                ],
                [
                    Question(
                        (
                            "Giấy tờ nào cần chụp và tải lên?",
                            "Which paper do you photograph and upload?",
                        ),
                        [
                            (
                                "Giấy chứng sinh của bệnh viện",
                                "The hospital birth certificate",
                                True,
                                "Giấy chứng sinh là giấy tờ chính của hồ sơ.",
                                "The birth certificate is the key document.",
                            ),
                            (
                                "Hóa đơn tiền điện",
                                "The electricity bill",
                                False,
                                "Không cần hóa đơn tiền điện cho việc khai sinh.",
                                "An electricity bill is not needed to register a birth.",
                            ),
                        ],
                    ),
                    Question(
                        ("Sau khi nộp, bạn nên làm gì?", "What should you do after submitting?"),
                        [
                            (
                                "Ghi lại mã hồ sơ",
                                "Write down the application code",
                                True,
                                "Mã hồ sơ giúp bạn tra cứu kết quả.",
                                "The code lets you look up the result.",
                            ),
                            (
                                "Nộp lại lần nữa cho chắc",
                                "Submit again to be safe",
                                False,
                                "Nộp hai lần tạo hồ sơ trùng và làm chậm xử lý.",
                                "Submitting twice creates a duplicate and slows things down.",
                            ),
                        ],
                    ),
                ],
            ),
            Lesson(
                "thanh-toan-tien-dien",
                ("Thanh toán tiền điện trực tuyến", "Paying the electricity bill online"),
                (
                    "Trả tiền điện bằng ứng dụng ngân hàng trong vài phút, không cần ra điểm thu.",
                    "Pay the electricity bill in your banking app in a few minutes, without going to a payment point.",
                ),
                ("Ngân hàng số", ""),
                10,
                ["evn-bill-pay"],
                [
                    Step(
                        ("Tìm mã khách hàng", "Find your customer code"),
                        (
                            "Mã khách hàng in trên hóa đơn hoặc tin nhắn của điện lực, gồm 13 ký tự và bắt đầu bằng chữ P (ví dụ PE…).",
                            "The customer code is printed on the bill or in the power company’s text message: 13 characters starting with P (for example PE…).",
                        ),
                        "Tin nhắn",
                        ["EVN", "Tiền điện T10: 356.000đ", "Mã KH: PE0400xxxxxxx"],
                        "Sao chép",
                    ),
                    Step(
                        ("Chọn Thanh toán hóa đơn", "Choose Pay bills"),
                        (
                            "Mở ứng dụng ngân hàng, chọn “Thanh toán hóa đơn”, rồi chọn “Tiền điện”.",
                            "Open your banking app, choose “Pay bills” and then “Electricity”.",
                        ),
                        "Ngân hàng",
                        ["Thanh toán hóa đơn", "Tiền điện", "Tiền nước", "Internet"],
                        "Tiền điện",
                    ),
                    Step(
                        ("Nhập mã và kiểm tra", "Enter the code and check"),
                        (
                            "Nhập mã khách hàng. Kiểm tra tên chủ hộ và số tiền có đúng với hóa đơn không.",
                            "Enter the customer code. Check that the account holder’s name and the amount match the bill.",
                        ),
                        "Ngân hàng",
                        [
                            "Mã khách hàng: PE0400xxxxxxx",
                            "Chủ hộ: NGUYEN VAN A",
                            "Số tiền: 356.000đ",
                        ],
                        "Tiếp tục",
                    ),
                    Step(
                        ("Xác nhận và lưu biên lai", "Confirm and keep the receipt"),
                        (
                            "Xác nhận bằng vân tay hoặc mã OTP. Chụp màn hình biên lai để lưu.",
                            "Confirm with your fingerprint or the one-time code. Take a screenshot of the receipt.",
                        ),
                        "Ngân hàng",
                        ["Giao dịch thành công", "356.000đ", "Mã GD: 2411xxxx"],
                        "Lưu biên lai",
                        (
                            "warning",
                            "Điện lực không gọi điện đòi chuyển tiền vào tài khoản cá nhân để “tránh bị cắt điện”.",
                            "The power company never phones to demand a transfer to a personal account “to avoid a power cut”.",
                        ),
                    ),
                ],
                [
                    Question(
                        (
                            "Trước khi xác nhận, cần kiểm tra gì?",
                            "What do you check before confirming?",
                        ),
                        [
                            (
                                "Tên chủ hộ và số tiền",
                                "The account holder’s name and the amount",
                                True,
                                "Nếu sai tên hoặc sai số tiền, hãy dừng lại.",
                                "If the name or amount is wrong, stop.",
                            ),
                            (
                                "Màu của ứng dụng",
                                "The colour of the app",
                                False,
                                "Màu sắc không cho biết bạn trả đúng hóa đơn.",
                                "Colours do not tell you it is the right bill.",
                            ),
                        ],
                    ),
                    Question(
                        (
                            "Có người gọi báo sắp cắt điện và bảo chuyển tiền ngay vào tài khoản cá nhân. Bạn làm gì?",
                            "Someone calls saying your power will be cut and tells you to transfer money to a personal account now. What do you do?",
                        ),
                        [
                            (
                                "Chuyển ngay cho kịp",
                                "Transfer quickly",
                                False,
                                "Đây là lừa đảo. Điện lực không thu tiền vào tài khoản cá nhân.",
                                "This is a scam. The power company never collects money into personal accounts.",
                            ),
                            (
                                "Cúp máy và gọi số tổng đài in trên hóa đơn",
                                "Hang up and call the number printed on the bill",
                                True,
                                "Tự gọi lại số chính thức để kiểm tra.",
                                "Call the official number yourself to check.",
                            ),
                        ],
                    ),
                ],
                video="evn",
            ),
        ],
    ),
    Course(
        "an-toan-tren-mang",
        ("An toàn trên mạng", "Staying safe online"),
        (
            "Nhận biết cuộc gọi và tin nhắn lừa đảo, đặt mật khẩu an toàn, dùng Zalo an toàn.",
            "Recognise scam calls and messages, keep passwords safe and use Zalo safely.",
        ),
        [
            Lesson(
                "nhan-biet-cuoc-goi-lua-dao",
                ("Nhận biết cuộc gọi lừa đảo", "Recognising scam calls"),
                (
                    "Kẻ gian thường giả làm công an, ngân hàng hay điện lực để lấy tiền. Bốn bước sau giúp bạn an toàn.",
                    "Scammers pretend to be the police, a bank or the power company to get your money. These four steps keep you safe.",
                ),
                ("Điện thoại", ""),
                8,
                ["scam-spot"],
                [
                    Step(
                        ("Nhận ra dấu hiệu", "Recognise the signs"),
                        (
                            "Người lạ tự xưng công an, tòa án hay ngân hàng; nói bạn liên quan đến vụ án hoặc tài khoản sắp bị khóa; giục bạn làm ngay.",
                            "A stranger says they are the police, a court or your bank; says you are involved in a case or your account will be locked; rushes you.",
                        ),
                        "Điện thoại",
                        ["Cuộc gọi đến", "+84 89x xxx xxx", "“Công an quận…”"],
                        "Từ chối",
                    ),
                    Step(
                        ("Không làm theo", "Do not do what they say"),
                        (
                            "Không đọc mã OTP, không chuyển tiền, không cài ứng dụng theo hướng dẫn qua điện thoại.",
                            "Do not read out codes, do not transfer money, do not install apps they tell you about.",
                        ),
                        "Điện thoại",
                        ["Đọc mã OTP?", "Chuyển tiền?", "Cài ứng dụng?"],
                        "KHÔNG",
                        (
                            "warning",
                            "Công an không làm việc qua điện thoại và không bao giờ yêu cầu chuyển tiền.",
                            "The police never handle cases by phone and never ask you to transfer money.",
                        ),
                    ),
                    Step(
                        ("Cúp máy và kiểm tra", "Hang up and check"),
                        (
                            "Cúp máy. Tự gọi lại số tổng đài chính thức, hoặc hỏi người thân, tổ công nghệ số cộng đồng.",
                            "Hang up. Call the official hotline yourself, or ask family or your community digital team.",
                        ),
                        "Điện thoại",
                        ["Tổng đài ngân hàng", "(số in sau thẻ)", "Tổ công nghệ số"],
                        "Gọi",
                    ),
                    Step(
                        ("Chặn và báo cáo", "Block and report"),
                        (
                            "Chặn số lạ. Báo số lừa đảo cho công an xã hoặc tổng đài 5656.",
                            "Block the number. Report it to the commune police or the 5656 hotline.",
                        ),
                        "Điện thoại",
                        ["+84 89x xxx xxx", "Chặn số này", "Báo cáo lừa đảo"],
                        "Chặn",
                    ),
                ],
                [
                    Question(
                        (
                            "Người gọi xưng là công an và bảo bạn chuyển tiền để “xác minh”. Đây là gì?",
                            "A caller says they are the police and asks you to transfer money “for verification”. What is this?",
                        ),
                        [
                            (
                                "Lừa đảo",
                                "A scam",
                                True,
                                "Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.",
                                "The police never ask for money by phone.",
                            ),
                            (
                                "Thủ tục bình thường",
                                "A normal procedure",
                                False,
                                "Không có thủ tục nào như vậy. Hãy cúp máy.",
                                "There is no such procedure. Hang up.",
                            ),
                        ],
                    ),
                    OTP_QUESTION,
                ],
                video="scam",
            ),
            Lesson(
                "nhan-biet-tin-nhan-lua-dao",
                ("Nhận biết tin nhắn lừa đảo", "Recognising scam messages"),
                (
                    "Tin nhắn giả mạo ngân hàng, trúng thưởng hay khóa tài khoản thường kèm đường link độc hại.",
                    "Fake messages about banks, prizes or locked accounts usually carry a harmful link.",
                ),
                ("Tin nhắn", ""),
                7,
                ["scam-spot"],
                [
                    Step(
                        ("Đọc kỹ người gửi và nội dung", "Read the sender and text carefully"),
                        (
                            "Cảnh giác với tin báo trúng thưởng, tài khoản bị khóa, hay yêu cầu cập nhật thông tin gấp.",
                            "Be careful with messages about prizes, locked accounts or urgent updates.",
                        ),
                        "Tin nhắn",
                        [
                            "TB: Tai khoan cua ban",
                            "se bi khoa trong 24h.",
                            "Cap nhat tai: bit.ly/xxx",
                        ],
                        "Xóa",
                    ),
                    Step(
                        ("Không bấm vào đường link", "Do not tap the link"),
                        (
                            "Ngân hàng và cơ quan nhà nước không gửi link yêu cầu đăng nhập hay nhập mã OTP.",
                            "Banks and government offices do not send links asking you to sign in or enter a code.",
                        ),
                        "Tin nhắn",
                        ["bit.ly/xxx", "vietcombank-xacminh.com", "(link giả)"],
                        "Không bấm",
                        (
                            "warning",
                            "Chỉ cần nhập mã OTP vào trang giả là tiền trong tài khoản có thể mất.",
                            "Entering a code on a fake page can be enough to empty your account.",
                        ),
                    ),
                    Step(
                        ("Kiểm tra trực tiếp", "Check directly"),
                        (
                            "Gọi số tổng đài in sau thẻ ngân hàng hoặc mở ứng dụng chính thức để kiểm tra.",
                            "Call the number on the back of your bank card or open the official app to check.",
                        ),
                        "Ngân hàng",
                        ["Tài khoản: bình thường", "Không có thông báo khóa"],
                        "Đóng",
                    ),
                    Step(
                        ("Xóa và chặn", "Delete and block"),
                        (
                            "Xóa tin nhắn, chặn số gửi và báo tin nhắn rác tới tổng đài 5656.",
                            "Delete the message, block the sender and report the spam to the 5656 hotline.",
                        ),
                        "Tin nhắn",
                        ["Xóa tin nhắn", "Chặn người gửi", "Báo cáo spam"],
                        "Chặn",
                    ),
                ],
                [
                    Question(
                        (
                            "Tin nhắn báo “tài khoản bị khóa, bấm link để mở lại”. Bạn làm gì?",
                            "A message says “account locked, tap the link to unlock”. What do you do?",
                        ),
                        [
                            (
                                "Bấm link và đăng nhập",
                                "Tap the link and sign in",
                                False,
                                "Đó là trang giả để lấy mật khẩu và mã OTP.",
                                "That is a fake page to steal your password and code.",
                            ),
                            (
                                "Không bấm, gọi tổng đài ngân hàng để hỏi",
                                "Do not tap; call the bank’s hotline",
                                True,
                                "Tự kiểm tra qua kênh chính thức.",
                                "Check through the official channel yourself.",
                            ),
                        ],
                    ),
                ],
            ),
            Lesson(
                "mat-khau-an-toan",
                ("Đặt mật khẩu an toàn", "Keeping passwords safe"),
                (
                    "Mật khẩu mạnh và riêng cho từng ứng dụng giữ tài khoản của bạn an toàn.",
                    "Strong passwords, one per app, keep your accounts safe.",
                ),
                ("Cài đặt", ""),
                6,
                ["password-safety"],
                [
                    Step(
                        ("Dùng một câu dài", "Use a long sentence"),
                        (
                            "Ghép vài từ dễ nhớ thành câu, thêm số: ví dụ “ComGaoNhaBa3Bat!”. Tránh ngày sinh, 123456.",
                            "Join a few easy words with a number, e.g. “RiceAtGrandmas3Bowls!”. Avoid birthdays and 123456.",
                        ),
                        "Cài đặt",
                        ["Mật khẩu mới", "ComGaoNhaBa3Bat!", "Độ mạnh: Mạnh"],
                        "Lưu",
                    ),
                    Step(
                        ("Mỗi ứng dụng một mật khẩu", "One password per app"),
                        (
                            "Không dùng chung mật khẩu cho ngân hàng, Zalo và VNeID. Lộ một cái, các cái khác vẫn an toàn.",
                            "Do not use the same password for the bank, Zalo and VNeID. If one leaks, the others stay safe.",
                        ),
                        "Cài đặt",
                        ["Ngân hàng: ••••••", "Zalo: ••••••", "VNeID: ••••••"],
                        "Đổi mật khẩu",
                    ),
                    Step(
                        ("Bật xác thực hai lớp", "Turn on two-step verification"),
                        (
                            "Trong phần Bảo mật của ứng dụng, bật xác thực hai lớp để cần thêm mã khi đăng nhập máy mới.",
                            "In the app’s Security settings, turn on two-step verification so a new phone needs an extra code.",
                        ),
                        "Cài đặt",
                        ["Bảo mật", "Xác thực hai lớp", "Đang tắt"],
                        "Bật",
                    ),
                ],
                [
                    Question(
                        ("Mật khẩu nào an toàn nhất?", "Which password is safest?"),
                        [
                            (
                                "123456",
                                "123456",
                                False,
                                "Đây là mật khẩu bị đoán nhiều nhất.",
                                "This is the most guessed password.",
                            ),
                            (
                                "Ngày sinh của bạn",
                                "Your birthday",
                                False,
                                "Ngày sinh dễ bị người khác biết.",
                                "Other people can easily find your birthday.",
                            ),
                            (
                                "Một câu dài có số, ví dụ ComGaoNhaBa3Bat!",
                                "A long sentence with a number, e.g. RiceAtGrandmas3Bowls!",
                                True,
                                "Dài và khó đoán nhưng dễ nhớ với bạn.",
                                "Long and hard to guess, but easy for you to remember.",
                            ),
                        ],
                    ),
                    OTP_QUESTION,
                ],
                review_in_days=-14,  # past its review-by date: listed for review
            ),
            Lesson(
                "dung-zalo-an-toan",
                ("Dùng Zalo an toàn", "Using Zalo safely"),
                (
                    "Cài đặt vài mục trong Zalo để người lạ không thấy thông tin của bạn và không chiếm được tài khoản.",
                    "Change a few Zalo settings so strangers cannot see your details or take over your account.",
                ),
                ("Zalo", "24.10"),
                10,
                ["zalo-safety"],
                [
                    Step(
                        ("Mở Quyền riêng tư", "Open Privacy"),
                        (
                            "Bấm Cá nhân, biểu tượng bánh răng (Cài đặt), rồi chọn Quyền riêng tư.",
                            "Tap Profile, the gear icon (Settings), then Privacy.",
                        ),
                        "Zalo",
                        ["Tài khoản và bảo mật", "Quyền riêng tư", "Thông báo"],
                        "Quyền riêng tư",
                    ),
                    Step(
                        ("Ẩn thông tin với người lạ", "Hide details from strangers"),
                        (
                            "Ẩn ngày sinh. Chỉ cho bạn bè nhắn tin và gọi cho bạn.",
                            "Hide your birthday. Let only friends message and call you.",
                        ),
                        "Zalo",
                        ["Ngày sinh: Ẩn", "Cho phép nhắn tin: Bạn bè", "Cho phép gọi: Bạn bè"],
                        "Lưu",
                    ),
                    Step(
                        ("Bảo vệ tài khoản", "Protect your account"),
                        (
                            "Trong Tài khoản và bảo mật: đặt mã khóa Zalo và bật xác thực hai lớp.",
                            "In Account and security: set a Zalo lock code and turn on two-step verification.",
                        ),
                        "Zalo",
                        ["Mã khóa Zalo", "Xác thực 2 lớp", "Thiết bị đăng nhập"],
                        "Bật",
                    ),
                    Step(
                        (
                            "Người quen xin tiền? Gọi lại kiểm tra",
                            "A friend asks for money? Call to check",
                        ),
                        (
                            "Kẻ gian có thể chiếm Zalo của người quen rồi nhắn vay tiền. Gọi điện trực tiếp bằng số bạn đã biết để hỏi.",
                            "Scammers can take over a friend’s Zalo and ask to borrow money. Phone them on the number you already know.",
                        ),
                        "Zalo",
                        ["Chị Lan", "“Em chuyển giúp chị 5 triệu", "gấp nhé”"],
                        "Chặn",
                        (
                            "warning",
                            "Cuộc gọi video ngắn, hình mờ cũng có thể là giả (deepfake). Hỏi một điều chỉ người thật biết.",
                            "A short, blurry video call can also be fake (deepfake). Ask something only the real person knows.",
                        ),
                    ),
                ],
                [
                    Question(
                        (
                            "Bạn thân nhắn Zalo hỏi vay tiền gấp. Bạn làm gì trước?",
                            "A close friend messages on Zalo asking to borrow money urgently. What do you do first?",
                        ),
                        [
                            (
                                "Gọi điện bằng số quen để hỏi",
                                "Phone them on the number you know",
                                True,
                                "Tài khoản Zalo của họ có thể đã bị chiếm.",
                                "Their Zalo account may have been taken over.",
                            ),
                            (
                                "Chuyển ngay vì là bạn thân",
                                "Transfer at once because they are a friend",
                                False,
                                "Hãy kiểm tra trước; kẻ gian hay giả danh người quen.",
                                "Check first: scammers often pose as friends.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    Course(
        "ket-noi-gia-dinh",
        ("Kết nối với gia đình", "Keeping in touch with family"),
        (
            "Gọi video, gửi ảnh, nhắn tin bằng giọng nói và lưu số điện thoại của người thân.",
            "Video calls, sending photos, voice messages and saving your family’s numbers.",
        ),
        [
            Lesson(
                "goi-video-zalo",
                ("Gọi video cho người thân bằng Zalo", "Video-calling family on Zalo"),
                (
                    "Nhìn thấy con cháu ở xa chỉ với vài lần chạm.",
                    "See your children and grandchildren far away with a few taps.",
                ),
                ("Zalo", "24.10"),
                6,
                ["video-call"],
                [
                    Step(
                        ("Chọn người thân", "Choose your relative"),
                        (
                            "Mở Zalo, bấm vào tên người thân trong danh sách tin nhắn.",
                            "Open Zalo and tap your relative’s name in the message list.",
                        ),
                        "Zalo",
                        ["Con gái Hoa", "Cháu Minh", "Nhóm Gia đình"],
                        "Con gái Hoa",
                    ),
                    Step(
                        ("Bấm biểu tượng máy quay", "Tap the camera icon"),
                        (
                            "Ở góc trên bên phải có biểu tượng máy quay. Bấm vào đó để gọi video.",
                            "At the top right there is a camera icon. Tap it to start a video call.",
                        ),
                        "Zalo",
                        ["Con gái Hoa", "Đang hoạt động"],
                        "Gọi video",
                        (
                            "tip",
                            "Dùng Wi-Fi để hình rõ và không tốn dung lượng 3G/4G.",
                            "Use Wi-Fi for a clearer picture and to save mobile data.",
                        ),
                    ),
                    Step(
                        ("Cho phép máy ảnh và micro", "Allow camera and microphone"),
                        (
                            "Lần đầu gọi, điện thoại hỏi quyền. Bấm Cho phép cho cả máy ảnh và micro.",
                            "The first time, the phone asks for permission. Tap Allow for both camera and microphone.",
                        ),
                        "Zalo",
                        ["Cho phép Zalo", "sử dụng máy ảnh?"],
                        "Cho phép",
                    ),
                    Step(
                        ("Nói chuyện và kết thúc", "Talk and hang up"),
                        (
                            "Nói chuyện bình thường. Bấm nút tròn màu đỏ để kết thúc cuộc gọi.",
                            "Talk as usual. Tap the round red button to end the call.",
                        ),
                        "Zalo",
                        ["Con gái Hoa", "02:15", "Micro · Máy ảnh"],
                        "Kết thúc",
                    ),
                ],
                [
                    Question(
                        ("Biểu tượng nào dùng để gọi video?", "Which icon starts a video call?"),
                        [
                            (
                                "Máy quay",
                                "The camera",
                                True,
                                "Biểu tượng máy quay ở góc trên bên phải.",
                                "The camera icon is at the top right.",
                            ),
                            (
                                "Ống nghe",
                                "The phone handset",
                                False,
                                "Ống nghe là gọi thoại, không có hình.",
                                "The handset is a voice call without picture.",
                            ),
                        ],
                    ),
                    Question(
                        ("Làm sao để kết thúc cuộc gọi?", "How do you end the call?"),
                        [
                            (
                                "Bấm nút đỏ",
                                "Tap the red button",
                                True,
                                "Nút tròn màu đỏ kết thúc cuộc gọi.",
                                "The round red button ends the call.",
                            ),
                            (
                                "Tắt nguồn điện thoại",
                                "Switch the phone off",
                                False,
                                "Không cần tắt máy, chỉ cần bấm nút đỏ.",
                                "No need to switch off: just tap the red button.",
                            ),
                        ],
                    ),
                ],
                video="videocall",
            ),
            Lesson(
                "gui-anh-zalo",
                ("Gửi ảnh qua Zalo", "Sending a photo on Zalo"),
                (
                    "Chia sẻ ảnh với người thân ngay trong cuộc trò chuyện.",
                    "Share photos with family right in the chat.",
                ),
                ("Zalo", "24.10"),
                5,
                ["video-call"],
                [
                    Step(
                        ("Mở cuộc trò chuyện", "Open the chat"),
                        (
                            "Bấm vào tên người nhận trong Zalo.",
                            "Tap the name of the person in Zalo.",
                        ),
                        "Zalo",
                        ["Cháu Minh", "Nhóm Gia đình"],
                        "Cháu Minh",
                    ),
                    Step(
                        ("Bấm biểu tượng ảnh", "Tap the picture icon"),
                        (
                            "Ở dưới ô nhập tin, bấm biểu tượng hình ảnh để mở thư viện ảnh.",
                            "Below the message box, tap the picture icon to open your photos.",
                        ),
                        "Zalo",
                        ["Tin nhắn", "Ảnh · Micro"],
                        "Ảnh",
                    ),
                    Step(
                        ("Chọn ảnh và gửi", "Choose and send"),
                        (
                            "Chạm vào ảnh muốn gửi (có thể chọn nhiều ảnh), rồi bấm nút Gửi.",
                            "Tap the photos you want (you can choose several), then tap Send.",
                        ),
                        "Zalo",
                        ["Đã chọn 2 ảnh", "▢ ▣ ▣ ▢"],
                        "Gửi",
                    ),
                ],
                [
                    Question(
                        (
                            "Có gửi được nhiều ảnh một lúc không?",
                            "Can you send several photos at once?",
                        ),
                        [
                            (
                                "Có, chọn nhiều ảnh rồi bấm Gửi",
                                "Yes, choose several and tap Send",
                                True,
                                "Chạm vào từng ảnh để chọn, rồi bấm Gửi một lần.",
                                "Tap each photo to choose it, then tap Send once.",
                            ),
                            (
                                "Không, mỗi lần một ảnh",
                                "No, one at a time",
                                False,
                                "Zalo cho chọn nhiều ảnh cùng lúc.",
                                "Zalo lets you choose many photos at once.",
                            ),
                        ],
                    ),
                ],
            ),
            Lesson(
                "tin-nhan-thoai",
                ("Nhắn tin bằng giọng nói", "Sending voice messages"),
                (
                    "Không cần gõ chữ: nói vào điện thoại và gửi.",
                    "No typing needed: speak into the phone and send.",
                ),
                ("Zalo", "24.10"),
                4,
                ["video-call"],
                [
                    Step(
                        ("Mở cuộc trò chuyện", "Open the chat"),
                        ("Bấm vào tên người thân trong Zalo.", "Tap your relative’s name in Zalo."),
                        "Zalo",
                        ["Con gái Hoa", "Cháu Minh"],
                        "Con gái Hoa",
                    ),
                    Step(
                        ("Bấm biểu tượng micro", "Tap the microphone icon"),
                        (
                            "Bấm biểu tượng micro ở cạnh ô nhập tin.",
                            "Tap the microphone icon next to the message box.",
                        ),
                        "Zalo",
                        ["Tin nhắn", "Ảnh · Micro"],
                        "Micro",
                    ),
                    Step(
                        ("Giữ để nói, thả để gửi", "Hold to talk, let go to send"),
                        (
                            "Giữ nút tròn và nói. Thả tay ra là tin nhắn được gửi. Kéo lên nếu muốn hủy.",
                            "Hold the round button and speak. Let go to send. Slide up to cancel.",
                        ),
                        "Zalo",
                        ["Đang ghi âm 0:05", "Kéo lên để hủy"],
                        "Giữ để nói",
                    ),
                ],
                [
                    Question(
                        ("Làm sao để gửi tin nhắn thoại?", "How do you send a voice message?"),
                        [
                            (
                                "Giữ nút, nói, rồi thả tay",
                                "Hold the button, speak, then let go",
                                True,
                                "Thả tay ra là tin nhắn được gửi.",
                                "Letting go sends the message.",
                            ),
                            (
                                "Gọi điện rồi cúp máy",
                                "Call and hang up",
                                False,
                                "Đó là cuộc gọi, không phải tin nhắn thoại.",
                                "That is a call, not a voice message.",
                            ),
                        ],
                    ),
                ],
            ),
            Lesson(
                "luu-so-dien-thoai",
                ("Lưu số điện thoại vào danh bạ", "Saving a phone number to contacts"),
                (
                    "Lưu số của con cháu và tổ công nghệ số để gọi nhanh khi cần.",
                    "Save the numbers of family and your digital team to call quickly.",
                ),
                ("Danh bạ", ""),
                4,
                [],
                [
                    Step(
                        ("Mở Danh bạ", "Open Contacts"),
                        (
                            "Bấm biểu tượng Danh bạ trên màn hình chính.",
                            "Tap the Contacts icon on the home screen.",
                        ),
                        "Điện thoại",
                        ["Điện thoại", "Danh bạ", "Tin nhắn"],
                        "Danh bạ",
                    ),
                    Step(
                        ("Bấm dấu cộng", "Tap the plus sign"),
                        ("Bấm dấu + để thêm người mới.", "Tap + to add a new contact."),
                        "Danh bạ",
                        ["Con gái Hoa", "Tổ CNS xã"],
                        "+",
                    ),
                    Step(
                        ("Nhập tên, số và lưu", "Enter name and number, then save"),
                        (
                            "Nhập tên dễ nhận ra (ví dụ “Con gái Hoa”), nhập số điện thoại, rồi bấm Lưu.",
                            "Type an easy name (for example “Daughter Hoa”), the phone number, then tap Save.",
                        ),
                        "Danh bạ",
                        ["Tên: Cháu Minh", "Số: 09xx xxx xxx"],
                        "Lưu",
                    ),
                ],
                [
                    Question(
                        (
                            "Sau khi nhập tên và số, bạn bấm gì?",
                            "After typing the name and number, what do you tap?",
                        ),
                        [
                            (
                                "Lưu",
                                "Save",
                                True,
                                "Không bấm Lưu thì số sẽ không được giữ lại.",
                                "Without Save the number is not kept.",
                            ),
                            (
                                "Quay lại",
                                "Back",
                                False,
                                "Quay lại có thể làm mất số vừa nhập.",
                                "Going back may lose what you typed.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    Course(
        "cho-to-cong-nghe-so",
        ("Dành cho tổ công nghệ số", "For community digital teams"),
        (
            "Bài học cho thành viên tổ: đến nhà dân, xin đồng ý, ghi lượt thăm khi không có sóng.",
            "Lessons for team members: visiting a household, asking for consent, logging visits with no signal.",
        ),
        [
            Lesson(
                "ghi-luot-tham-khi-mat-song",
                ("Ghi lượt thăm khi không có sóng", "Logging a visit with no signal"),
                (
                    "Ứng dụng giữ lượt thăm trên điện thoại và tự gửi khi có mạng. Không mất gì, không tính hai lần.",
                    "The app keeps the visit on your phone and sends it when there is a connection. Nothing is lost or counted twice.",
                ),
                ("Kỹ năng số", "1.0"),
                6,
                [],
                [
                    Step(
                        ("Mở ứng dụng khi còn mạng", "Open the app while you have a connection"),
                        (
                            "Trước khi vào thôn, mở mục Hôm nay một lần. Điện thoại tải các hộ của tổ bạn.",
                            "Before you set off, open Today once. Your phone downloads your team's households.",
                        ),
                        "Kỹ năng số",
                        ["Hôm nay", "Hộ của tôi", "Đang chờ gửi: 0"],
                        "Hôm nay",
                    ),
                    Step(
                        ("Ghi lượt thăm như thường lệ", "Log the visit as usual"),
                        (
                            "Tìm hộ, bấm Ghi lượt thăm và lưu. Lượt thăm nằm trong mục Đang chờ gửi.",
                            "Find the household, tap Log visit and save. The visit waits under Waiting to send.",
                        ),
                        "Kỹ năng số",
                        ["Ghi lượt thăm", "Kỹ năng đã luyện", "Dịch vụ đã làm xong"],
                        "Lưu",
                    ),
                    Step(
                        ("Gửi khi có sóng", "Send when you have signal"),
                        (
                            "Khi có mạng, ứng dụng tự gửi. Mục nào bị từ chối vẫn nằm lại với lý do: sửa rồi gửi lại.",
                            "With a connection the app sends by itself. A refused item stays with its reason: correct it and send it again.",
                        ),
                        "Kỹ năng số",
                        ["Đang chờ gửi: 3", "Gửi ngay", "Bị từ chối: 0"],
                        "Gửi ngay",
                    ),
                ],
                [
                    Question(
                        (
                            "Lượt thăm ghi khi mất sóng thì sao?",
                            "What happens to a visit logged with no signal?",
                        ),
                        [
                            (
                                "Nằm trên điện thoại và tự gửi khi có mạng",
                                "It stays on the phone and is sent when there is a connection",
                                True,
                                "Ứng dụng giữ lượt thăm cho đến khi máy chủ nhận.",
                                "The app keeps the visit until the server has it.",
                            ),
                            (
                                "Bị mất, phải ghi lại",
                                "It is lost and must be logged again",
                                False,
                                "Không: ghi lại sẽ tính hai lần.",
                                "No: logging it again would count it twice.",
                            ),
                        ],
                    ),
                ],
                audience="volunteer",
            ),
        ],
    ),
]

VIDEOS = [
    (
        "vneid",
        ("Cài VNeID trong một phút", "Install VNeID in one minute"),
        (
            "Tìm, cài và mở ứng dụng VNeID chính thức.",
            "Find, install and open the official VNeID app.",
        ),
        "public-services",
        ["vneid-install"],
        "VNeID",
        [
            ("Mở CH Play hoặc App Store.", "Open the Play Store or App Store."),
            ("Tìm VNeID của Bộ Công an.", "Search for VNeID by the Ministry of Public Security."),
            ("Bấm Cài đặt rồi bấm Mở.", "Tap Install, then Open."),
        ],
    ),
    (
        "scam",
        ("Ba dấu hiệu cuộc gọi lừa đảo", "Three signs of a scam call"),
        (
            "Giả danh, đe dọa và giục chuyển tiền: cúp máy ngay.",
            "Impersonation, threats and pressure to pay: hang up.",
        ),
        "safety",
        ["scam-spot"],
        "Điện thoại",
        [
            (
                "Người lạ xưng là công an hay ngân hàng.",
                "A stranger says they are the police or a bank.",
            ),
            ("Họ đe dọa và giục bạn làm ngay.", "They threaten you and rush you."),
            ("Họ đòi mã OTP hoặc tiền. Hãy cúp máy.", "They ask for a code or money. Hang up."),
        ],
    ),
    (
        "videocall",
        ("Gọi video bằng Zalo", "Video calls on Zalo"),
        ("Gọi video cho con cháu với ba lần chạm.", "Video-call your family in three taps."),
        "family",
        ["video-call"],
        "Zalo",
        [
            ("Mở Zalo, chọn người thân.", "Open Zalo and choose your relative."),
            ("Bấm biểu tượng máy quay.", "Tap the camera icon."),
            ("Bấm nút đỏ để kết thúc.", "Tap the red button to hang up."),
        ],
    ),
    (
        "evn",
        ("Trả tiền điện trên điện thoại", "Pay the electricity bill on your phone"),
        (
            "Dùng ứng dụng ngân hàng để trả tiền điện.",
            "Use your banking app to pay for electricity.",
        ),
        "payments",
        ["evn-bill-pay"],
        "Ngân hàng",
        [
            ("Chọn Thanh toán hóa đơn, Tiền điện.", "Choose Pay bills, Electricity."),
            ("Nhập mã khách hàng trên hóa đơn.", "Enter the customer code from the bill."),
            ("Kiểm tra tên, số tiền rồi xác nhận.", "Check name and amount, then confirm."),
        ],
    ),
]

# (question, answer, other ways people ask: one per line), each a (vi, en) pair.
FAQ = [
    (
        ("Học có mất phí không?", "Do the lessons cost anything?"),
        (
            "<p>Không. Mọi bài học và video đều miễn phí.</p>",
            "<p>No. All lessons and videos are free.</p>",
        ),
        (
            "Có phải trả tiền không?\nHọc có tốn tiền không?\nBài học có miễn phí không?\nMất bao nhiêu tiền?\nCó thu phí không?",
            "Is it free?\nHow much does it cost?\nDo I have to pay?\nAre there any fees?",
        ),
    ),
    (
        ("Tôi không có tài khoản, có học được không?", "Can I learn without an account?"),
        (
            "<p>Được. Bạn không cần đăng ký. Các bước bạn đã đánh dấu được lưu ngay trên điện thoại của bạn.</p>",
            "<p>Yes. You do not need to sign up. The steps you tick are kept on your own phone.</p>",
        ),
        (
            "Có cần đăng ký tài khoản không?\nCó phải đăng nhập mới học được không?\nHọc mà không cần tạo tài khoản\nTiến độ học được lưu ở đâu?",
            "Do I need to sign up?\nDo I have to register or log in?\nWhere is my progress saved?\nDo I need to create an account?",
        ),
    ),
    (
        ("Làm sao xem bài học khi không có mạng?", "How can I read a lesson without internet?"),
        (
            "<p>Mở bài học khi có mạng và bấm <b>Lưu để đọc offline</b>. Bạn cũng có thể <b>In bài học</b> ra giấy.</p>",
            "<p>Open the lesson while online and tap <b>Save for offline</b>. You can also <b>print the lesson</b>.</p>",
        ),
        (
            "Không có mạng có học được không?\nLưu bài học để đọc khi mất wifi\nTải bài học về máy\nIn bài học ra giấy",
            "Can I use it offline?\nHow do I download a lesson?\nNo wifi or mobile data, can I still read?\nCan I print a lesson?",
        ),
    ),
    (
        ("Tôi quên mật khẩu VNeID thì làm sao?", "I forgot my VNeID password. What now?"),
        (
            "<p>Trên màn hình đăng nhập, bấm <b>Quên mật khẩu</b>, nhập số định danh và mã OTP gửi về điện thoại. Nếu đổi số điện thoại, hãy đến công an xã.</p>",
            "<p>On the sign-in screen tap <b>Forgot password</b> and enter your ID number and the code sent to your phone. If your phone number changed, visit the commune police.</p>",
        ),
        (
            "Quên mật khẩu đăng nhập VNeID\nKhông đăng nhập được VNeID\nLấy lại mật khẩu VNeID\nĐổi số điện thoại trên VNeID\nĐặt lại mật khẩu",
            "I can't log in to VNeID\nReset my VNeID password\nHow do I recover my password?\nMy phone number changed",
        ),
    ),
    (
        ("Ai có thể giúp tôi trực tiếp?", "Who can help me in person?"),
        (
            "<p>Tổ công nghệ số cộng đồng ở thôn, tổ dân phố của bạn hỗ trợ miễn phí tại nhà.</p>",
            "<p>The community digital team in your village or neighbourhood helps for free, at home.</p>",
        ),
        (
            "Ai hướng dẫn tôi tận nhà?\nTổ công nghệ số cộng đồng ở đâu?\nTôi cần người giúp cài đặt\nCó ai đến nhà giúp không?\nLiên hệ tổ công nghệ số",
            "Can someone come to my house and help?\nWhere can I get help?\nHow do I contact the digital team?\nI need a volunteer to help me",
        ),
    ),
    (
        ("Tôi nghi mình bị lừa đảo thì làm gì?", "I think I was scammed. What should I do?"),
        (
            "<p>Gọi ngay tổng đài ngân hàng (số in sau thẻ) để khóa tài khoản, rồi báo công an xã. Giữ lại tin nhắn và số điện thoại làm bằng chứng.</p>",
            "<p>Call your bank’s hotline (on the back of the card) at once to lock the account, then tell the commune police. Keep the messages and phone numbers as evidence.</p>",
        ),
        (
            "Bị lừa mất tiền phải làm sao?\nLỡ chuyển tiền cho kẻ lừa đảo\nBị chiếm đoạt tài khoản ngân hàng\nLỡ đọc mã OTP cho người lạ\nBáo công an khi bị lừa",
            "I sent money to a scammer\nSomeone stole money from my bank account\nI gave my OTP code to a stranger\nHow do I report fraud?",
        ),
    ),
]

SITE_TEXT = {
    "home": (
        ("Học kỹ năng số", "Learn digital skills"),
        (
            "Bài học ngắn, từng bước, có hình và video: cài VNeID, làm thủ tục trực tuyến, tránh lừa đảo, gọi video cho người thân.",
            "Short step-by-step lessons with pictures and videos: install VNeID, use public services online, avoid scams, video-call your family.",
        ),
    ),
    "courses": (
        ("Khóa học", "Courses"),
        ("Chọn một khóa học để bắt đầu.", "Choose a course to start."),
    ),
    "videos": (
        ("Thư viện video", "Video library"),
        (
            "Video ngắn có phụ đề, xem được trên mạng chậm.",
            "Short captioned videos that play on slow connections.",
        ),
    ),
    "faq": (
        ("Câu hỏi thường gặp", "Frequently asked questions"),
        (
            "Những câu hỏi người học hay hỏi tổ công nghệ số.",
            "What learners often ask their digital team.",
        ),
    ),
}
